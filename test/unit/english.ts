/**
 * A problem as English text, rendered from en.json like the UI does (the engine holds no
 * sentences): for test failure messages and for assertions on the wording.
 */
import { describeProblem } from '../../src/i18n/translate';
import { uiStrings } from '../../src/i18n/ui';
import type { Problem } from '../../src/lib/cnn/problems';

export const english = (p: Problem): string => describeProblem(uiStrings.en, p);
