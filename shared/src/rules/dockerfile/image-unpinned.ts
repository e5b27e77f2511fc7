import { defineDockerfileRule } from '../rule';
import { describeFromImage, pulledImage } from '../../dockerfile/stages';

export default defineDockerfileRule({
  id: 'DG111',
  name: 'image-unpinned',
  defaultSeverity: 'info',
  cheatSheet: '13',
  fixable: false,
  summary: 'A FROM image has no tag or uses :latest.',
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = pulledImage(stage);
      // A digest pins the content whatever the tag says (`debian:latest@sha256:…`).
      if (!image || image.digest !== undefined) continue;
      const untagged = image.tag === undefined;
      if (!untagged && image.tag !== 'latest') continue;
      report({
        start: stage.imageStart,
        end: stage.imageEnd,
        message:
          `FROM ${describeFromImage(stage)} ${untagged ? 'has no tag, so it means :latest' : 'uses :latest'}: ` +
          `each build can get a different image, with changes nobody reviewed. Pin a version tag (and, for reproducible builds, a digest).`,
      });
    }
  },
});
