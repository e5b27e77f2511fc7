import { defineComposeRule } from '../rule';
import { scalar } from '../../compose/values';
import { parseImageReference } from '../../dockerfile/image';
import { valueProblem } from './service-findings';
import { valueRange } from '../../compose/edits';

export default defineComposeRule({
  id: 'DG224',
  name: 'image-unpinned',
  defaultSeverity: 'info',
  cheatSheet: '13',
  fixable: false,
  summary: 'A service image has no tag or uses :latest.',
  check(context) {
    const { model } = context;
    for (const service of model.services) {
      // With build:, image: names what the build produces here, not something pulled.
      if (service.field('build')) continue;
      const field = service.field('image');
      const value = scalar(field?.value)?.value?.trim();
      if (!field || value === undefined || value === '') continue;
      const image = parseImageReference(value);
      if (image.digest !== undefined || (image.tag !== undefined && image.tag !== 'latest')) continue;
      const range = valueRange(model, field.value);
      if (!range) continue;
      const problem = image.tag === 'latest' ? "tagged 'latest'" : 'which has no tag (so latest)';
      context.report(valueProblem(service, field, range, `uses the image '${value}', ${problem}: the next pull can bring any version. Pin a version tag (and a digest for production).`));
    }
  },
});
