import { test, expect, placeholdersMeasured, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

// Lesson 2's quiz: question 1 asks for the width of 32×32 after a 5×5 convolution (stride 1, no
// padding): ⌊(32 − 5)/1⌋ + 1 = 28. Question 4 is a choice; its first choice is the right one.
const quiz = (page: Page) => page.locator('section.quiz');
const item = (page: Page, n: number) =>
  quiz(page)
    .locator('.quiz-item')
    .nth(n - 1);

/** Opens the lesson, scrolls to the quiz (it skips rendering until near) and waits for its island. */
async function openQuiz(page: Page, path: string) {
  await page.goto(path);
  await placeholdersMeasured(page);
  await quiz(page).scrollIntoViewIfNeeded();
  await expect(quiz(page).locator('astro-island')).not.toHaveAttribute('ssr', /.*/);
}

test('the quiz skips rendering at load and is full size once near', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto('/lessons/02-kernel-size-and-padding/');
  await placeholdersMeasured(page);
  expect(
    await quiz(page)
      .locator('h2')
      .evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true })),
  ).toBe(false);
  await quiz(page).scrollIntoViewIfNeeded();
  await expect(quiz(page).locator('astro-island')).not.toHaveAttribute('ssr', /.*/);
  // WCAG 2.2 target size: every control at least 24 × 24 px once rendered
  for (const control of await quiz(page).locator('input[type="text"], button').all()) {
    const box = (await control.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
  }
  // a skipped question clips its painting to its box plus overflow-clip-margin, and its number
  // (the list marker) sits in the list's padding, left of that box: the margin must reach it
  const clip = await quiz(page)
    .locator('.quiz-item')
    .evaluateAll((items) =>
      items
        .filter((li) => getComputedStyle(li).contentVisibility === 'auto')
        .map((li) => ({
          margin: parseFloat(getComputedStyle(li).overflowClipMargin),
          padding: parseFloat(getComputedStyle(li.parentElement!).paddingInlineStart),
        })),
    );
  expect(clip.length).toBeGreaterThan(0);
  for (const { margin, padding } of clip) expect(margin).toBeGreaterThanOrEqual(padding);
});

test('keyboard: a number answer is checked, right, wrong and not a number', async ({ page }) => {
  await openQuiz(page, '/lessons/02-kernel-size-and-padding/');
  const field = item(page, 1).getByLabel('Your answer');
  const feedback = item(page, 1).locator('.quiz-feedback');
  await typeInto(page, field, 'abc');
  await page.keyboard.press('Enter');
  await expect(feedback).toHaveText('Please type a number, e.g. 32.');
  await typeInto(page, field, '27');
  await page.keyboard.press('Enter');
  await expect(feedback.locator('.quiz-incorrect')).toHaveText('✗ Not quite. The answer is 28.');
  await typeInto(page, field, '28');
  await page.keyboard.press('Tab');
  await expect(item(page, 1).getByRole('button', { name: 'Check' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(feedback.locator('.quiz-correct')).toHaveText('✓ Correct. The answer is 28.');
  await expect(feedback.locator('.quiz-explanation')).toContainText('Why:');
});

test('mouse: a choice question, unanswered then wrong then right', async ({ page }) => {
  await openQuiz(page, '/lessons/02-kernel-size-and-padding/');
  const question = item(page, 4);
  const feedback = question.locator('.quiz-feedback');
  await question.getByRole('button', { name: 'Check' }).click();
  await expect(feedback).toHaveText('Choose an answer first.');
  await question.getByRole('radio').nth(1).click();
  await question.getByRole('button', { name: 'Check' }).click();
  await expect(feedback.locator('.quiz-incorrect')).toContainText('✗ Not quite.');
  await question.getByRole('radio').nth(0).click();
  await question.getByRole('button', { name: 'Check' }).click();
  await expect(feedback.locator('.quiz-correct')).toContainText('✓ Correct.');
});

test('Korean: the same question in Korean words', async ({ page }) => {
  await openQuiz(page, '/ko/lessons/02-kernel-size-and-padding/');
  const field = item(page, 1).getByLabel('답', { exact: true });
  const feedback = item(page, 1).locator('.quiz-feedback');
  await typeInto(page, field, '28');
  await page.keyboard.press('Enter');
  await expect(feedback.locator('.quiz-correct')).toHaveText('✓ 정답입니다. 정답은 28입니다.');
  await typeInto(page, field, '');
  await page.keyboard.press('Enter');
  await expect(feedback).toHaveText('숫자를 입력하세요. 예: 32');
});
