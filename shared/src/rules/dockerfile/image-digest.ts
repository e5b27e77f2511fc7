import { defineDockerfileRule } from '../rule';
import { describeFromImage, pulledImage } from '../../dockerfile/stages';

const DIGEST = /^sha(?:256|384|512):[0-9a-f]{32,}$/i;

export default defineDockerfileRule({
  id: 'DG112',
  name: 'image-digest',
  defaultSeverity: 'off',
  cheatSheet: '13',
  fixable: false,
  summary: 'A FROM image is not pinned by @sha256 digest.',
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = pulledImage(stage);
      if (!image || (image.digest !== undefined && DIGEST.test(image.digest))) continue;
      const name = image.name + (image.tag !== undefined ? `:${image.tag}` : '');
      report({
        start: stage.imageStart,
        end: stage.imageEnd,
        message:
          `FROM ${describeFromImage(stage)} is not pinned by digest: a tag can be moved to different content at any time. ` +
          `Pin it as ${name}@sha256:<digest> (and let a bot such as Renovate or Dependabot update it).`,
      });
    }
  },
});
