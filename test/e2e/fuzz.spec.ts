/**
 * Fuzzing every widget: each numeric control, on its lesson page, is typed 0, −1, empty, `abc`,
 * 1.5, 1e9 and 99999999 with the keyboard, then changed fast (digits typed at full speed, arrows
 * pressed in bursts). After every value the widget must show no NaN/Infinity/undefined/null (text
 * or accessible names), must explain an impossible setting with its problem list, and the page must
 * still answer; the `watch` fixture fails the test on any console error or uncaught exception.
 *
 * One table drives it: widget → lesson → controls → what each control must do with a bad value.
 * What counts as impossible is read from the control itself (its min, max and step), so the
 * expectation follows the widget's own limits.
 */
import type { Locator } from '@playwright/test';
import { test, expect, typeInto } from './fixtures';
import { BAD_TEXT, READ_ATTRIBUTES, expectResponsive, inspect, openWidget } from './robustness';

test.describe.configure({ mode: 'parallel' });

/** The values every control is driven with, in this order. `abc` types nothing into a number field. */
const VALUES = ['0', '-1', '', 'abc', '1.5', '1e9', '99999999'] as const;

/**
 * What a control does with a value it cannot use:
 * - `problem`: the widget lists the problem (its `ProblemList`, or an alert) while the value stands;
 * - `warning`: the widget keeps drawing the nearest possible setting and says so in a warning;
 * - `revert`: the field takes back its last usable value when the edit is committed (grid cells).
 */
type BadValue = 'problem' | 'warning' | 'revert';

interface Control {
  /** Playwright selector inside the widget */
  sel: string;
  bad?: BadValue;
}

interface WidgetCase {
  widget: string;
  /** tells two cases of one widget apart */
  label?: string;
  path: string;
  controls: (string | Control)[];
  /** clicks/checks needed before the controls exist (e.g. switch on editing) */
  setup?: (w: Locator) => Promise<void>;
}

const field = (name: string) => `input[data-field="${name}"]`;
const fields = (...names: string[]) => names.map(field);

const WIDGETS: WidgetCase[] = [
  {
    widget: 'LayerParams',
    path: '/lessons/01-convolution-and-parameters/',
    controls: fields('cIn', 'cOut', 'k', 'h', 'w'),
  },
  {
    widget: 'ConvolutionExplorer',
    path: '/lessons/01-convolution-and-parameters/',
    controls: fields('k', 's', 'p', 'cOut'),
  },
  {
    widget: 'ConvolutionExplorer',
    label: 'edited cells',
    path: '/lessons/01-convolution-and-parameters/',
    controls: [
      { sel: 'input[aria-label="Input channel 1, row 1, column 1"]', bad: 'revert' },
      { sel: 'input[aria-label="Kernel 1, channel 1, row 1, column 1"]', bad: 'revert' },
      { sel: 'input[aria-label="Bias of kernel 1"]', bad: 'revert' },
    ],
    setup: (w) => w.getByLabel('Edit values').check(),
  },
  {
    widget: 'PaddingFormula',
    path: '/lessons/02-kernel-size-and-padding/',
    controls: fields('n', 'k', 'p', 's', 'd'),
  },
  {
    widget: 'PoolingExplorer',
    path: '/lessons/02-kernel-size-and-padding/',
    controls: fields('n', 'k', 's'),
  },
  {
    widget: 'OneByOne',
    path: '/lessons/04-one-by-one-convolution/',
    controls: [...fields('h', 'w', 'cIn', 'cOut'), { sel: field('selected'), bad: 'warning' }],
  },
  { widget: 'ActivationGradient', path: '/lessons/05-alexnet/', controls: fields('depth', 'sigma') },
  { widget: 'KernelTradeoff', path: '/lessons/06-vgg/', controls: fields('c', 'h', 'w') },
  {
    widget: 'ReceptiveField',
    path: '/lessons/06-vgg/',
    controls: [
      '[data-testid="n"]',
      ...['k', 's', 'p', 'd'].map((key) => `[data-testid="layer-row"] >> nth=0 >> ${field(key)}`),
    ],
  },
  {
    widget: 'InceptionBlock',
    path: '/lessons/07-googlenet/',
    controls: fields('cIn', 'size', 'c1', 'r3', 'c3', 'r5', 'c5', 'pp'),
  },
  {
    widget: 'BottleneckBlock',
    path: '/lessons/08-resnet/',
    controls: fields('cIn', 'cOut', 'width', 'size'),
  },
  { widget: 'ResidualGradientFlow', path: '/lessons/08-resnet/', controls: fields('depth', 'width') },
  {
    widget: 'DenseBlock',
    path: '/lessons/09-densenet/',
    controls: fields('k0', 'k', 'layers', 'size', 'theta'),
  },
  {
    widget: 'AddVsConcat',
    path: '/lessons/09-densenet/',
    controls: fields('a1', 'b4', 'w', 'wa', 'wb'),
  },
  { widget: 'Convolutionalize', path: '/lessons/10-semantic-segmentation/', controls: fields('n') },
  {
    widget: 'TransposedConv',
    path: '/lessons/10-semantic-segmentation/',
    controls: fields('i', 'k', 's', 'p', 'a'),
  },
  {
    widget: 'DetectionCost',
    path: '/lessons/11-detection/',
    controls: fields('proposals', 'rpnProposals', 'imageH', 'imageW'),
  },
  { widget: 'YoloGrid', path: '/lessons/11-detection/', controls: fields('threshold') },
];

/** The widget's problem list (shared `ProblemList`) or an alert. */
const PROBLEM = '[data-testid="invalid"], [role="alert"]';
/** A warning: the widget draws the nearest possible setting and says so. */
const WARNING = '[data-testid="warning"]';

/**
 * Drives one control inside the page, value after value, the way the browser delivers a typed
 * value (the field's sanitised value, an `input` event, then `change` when it is left), and after
 * each waits two frames and reports what went wrong: bad text in the widget, no message for an
 * impossible value, a field that did not go back, or a value that kept the page busy over 2 s.
 * One round trip per control keeps the spec fast; the keyboard is used for the fast typing below.
 */
async function driveValues(input: Locator, values: readonly string[], bad: BadValue): Promise<string[]> {
  return input.evaluate(
    async (el, { values, bad, source, attributes, problemSel, warningSel }) => {
      const field = el as HTMLInputElement;
      const root = field.closest('[data-widget]') as HTMLElement;
      const badText = new RegExp(source);
      const frames = () =>
        new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      const visible = (sel: string) =>
        Array.from(root.querySelectorAll<HTMLElement>(sel)).some((e) => e.offsetParent !== null);
      const findBad = () => {
        const found = root.innerText.split('\n').filter((line) => badText.test(line));
        for (const node of [root, ...Array.from(root.querySelectorAll('*'))])
          for (const attr of attributes) {
            const v = node.getAttribute(attr);
            if (v !== null && badText.test(v)) found.push(`[${attr}] ${v}`);
          }
        return found;
      };
      /** empty or not a number, outside [min, max], or a fraction where the step is whole */
      const impossible = (value: string) => {
        const v = Number(value);
        if (value.trim() === '' || !Number.isFinite(v)) return true;
        if (field.min !== '' && v < Number(field.min)) return true;
        if (field.max !== '' && v > Number(field.max)) return true;
        const wholeStep = field.step === '' || (field.step !== 'any' && Number.isInteger(Number(field.step)));
        return wholeStep && !Number.isInteger(v);
      };
      const failures: string[] = [];
      // a main-thread task of 2 s or more is a frozen page (wall time alone would count the
      // machine's load, not the widget's)
      let longest = 0;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
      });
      observer.observe({ type: 'longtask' });
      let lastGood = field.value;
      for (const value of values) {
        longest = 0;
        const isImpossible = impossible(value); // read before: a control's max may follow the others
        field.focus();
        field.value = value; // a number field sanitises "abc" to "", as when it is typed
        field.dispatchEvent(new Event('input', { bubbles: true }));
        await frames();
        field.dispatchEvent(new Event('change', { bubbles: true }));
        field.blur();
        await frames();
        const where = `"${value}"`;
        await new Promise((r) => setTimeout(r, 0)); // the observer has seen the last task
        if (longest >= 2000) failures.push(`${where}: the page froze for ${Math.round(longest)} ms`);
        for (const b of findBad()) failures.push(`${where}: shows "${b.trim()}"`);
        if (!isImpossible) lastGood = field.value;
        else if (bad === 'revert') {
          if (field.value !== lastGood)
            failures.push(`${where}: field shows "${field.value}", not "${lastGood}"`);
        } else if (!visible(bad === 'problem' ? problemSel : warningSel))
          failures.push(`${where}: no ${bad} is shown`);
      }
      observer.disconnect();
      return failures;
    },
    {
      values,
      bad,
      source: BAD_TEXT.source,
      attributes: READ_ATTRIBUTES,
      problemSel: PROBLEM,
      warningSel: WARNING,
    },
  );
}

for (const c of WIDGETS) {
  test(`${c.widget}${c.label ? ` (${c.label})` : ''}: bad and fast input never breaks it`, async ({
    page,
    watch,
  }) => {
    test.setTimeout(180_000); // a busy machine; on CI a case takes seconds
    const w = await openWidget(page, c.path, c.widget);
    await c.setup?.(w);
    for (const spec of c.controls) {
      const { sel, bad = 'problem' } = typeof spec === 'string' ? { sel: spec } : spec;
      const input = w.locator(sel);
      await expect(input, `${sel} exists`).toHaveCount(1);
      const original = await input.inputValue();
      await test.step(`${sel} (was ${original})`, async () => {
        expect(await driveValues(input, VALUES, bad), `${c.widget} ${sel}`).toEqual([]);
        // fast, with the keyboard: digits at full speed (every prefix is a value), a burst of
        // arrow presses, then 40 steps within one task (faster than any frame)
        await typeInto(page, input, '918273645');
        await typeInto(page, input, original);
        for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
        for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
        await input.evaluate((el) => {
          const field = el as HTMLInputElement;
          for (let i = 0; i < 40; i++) {
            const up = i % 8 < 3;
            if (field.step === 'any') field.value = String(Number(field.value) + (up ? 1 : -1));
            else if (up) field.stepUp();
            else field.stepDown();
            field.dispatchEvent(new Event('input', { bubbles: true }));
          }
          field.dispatchEvent(new Event('change', { bubbles: true }));
        });
        expect((await inspect(w)).bad, `${c.widget} ${sel} after fast changes`).toEqual([]);
        // back to the starting value: the widget recovers and lists no problem
        await typeInto(page, input, original);
        await page.keyboard.press('Tab');
        await expect(w.locator('[data-testid="invalid"]'), `${sel} = ${original} again`).toHaveCount(0);
        await expectResponsive(page);
      });
    }
    await page.waitForTimeout(300); // late answers (TensorFlow.js) land before the final checks
    expect((await inspect(w)).bad).toEqual([]);
    await expectResponsive(page);
    expect(watch.consoleErrors).toEqual([]);
  });
}
