import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { isReferenceKey, references } from './data/references';

const knownKeys = Object.keys(references).join(', ');

/**
 * Lesson frontmatter. Pages under `lessons/` must carry all of it; other pages (landing,
 * tools) may not. Zod names the file and the field when something is wrong.
 */
const lessonFields = z.object({
  lesson: z.number().int().positive().optional(),
  objectives: z.array(z.string().min(1)).min(1).optional(),
  cites: z
    .array(z.string().refine(isReferenceKey, { message: `not a known reference (known: ${knownKeys})` }))
    .default([]),
});

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({ extend: lessonFields }),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
