/**
 * The Astro integration that validates content around the build: a page without its twin in the
 * other locale stops `astro build` before it starts (check-twins.mjs); a broken internal link or
 * anchor fails it once the pages are written (check-links.mjs). In `astro dev` missing twins are
 * only logged, so a lesson can be written one language at a time.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { missingTwins } from './check-twins.mjs';
import { brokenLinks } from './check-links.mjs';

export default function contentChecks() {
  let root = '';
  let site = '';
  return {
    name: 'convnet-content-checks',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        site = config.site ?? 'http://localhost';
        const problems = missingTwins(join(root, 'src/content/docs'));
        if (problems.length === 0) return;
        if (command === 'build') throw new Error(`Missing translations:\n- ${problems.join('\n- ')}`);
        logger.warn(`Missing translations:\n- ${problems.join('\n- ')}`);
      },
      'astro:build:done': ({ dir, logger }) => {
        const problems = brokenLinks(fileURLToPath(dir), { root, site });
        if (problems.length > 0) throw new Error(`Broken internal links:\n- ${problems.join('\n- ')}`);
        logger.info('internal links and anchors: all reach their target');
      },
    },
  };
}
