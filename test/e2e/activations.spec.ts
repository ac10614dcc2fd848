import { test, expect, hydrated } from './fixtures';

test('the layer table counts activation values (AlexNet conv1: 55·55·96) and their total', async ({
  page,
  watch,
}) => {
  await hydrated(page, '/lessons/03-a-sense-of-scale/', 'ArchitectureTable');
  const table = page.locator('[data-widget="ArchitectureTable"]');
  await expect(table.locator('tr[data-layer="conv1"] td[data-col="activations"]')).toHaveText('290,400');
  // flatten only reshapes: 0
  await expect(table.locator('tr[data-layer="flatten1"] td[data-col="activations"]')).toHaveText('0');
  await expect(table.getByTestId('total-activations')).toHaveText('1,925,224');
  expect(watch.consoleErrors).toEqual([]);
});
