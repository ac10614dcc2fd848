/**
 * An element's `clientWidth` or `clientHeight`, kept in step by a ResizeObserver alone:
 * `<div {@attach clientSize('clientWidth', (px) => (chart.width = px))}>`.
 *
 * Svelte's `bind:clientWidth` also reads the size once when the element is created, which forces
 * the browser to lay the page out in the middle of hydrating or mounting (Architecture Lab: 5-10 ms
 * of layout inside a task that should stay short; issue 12). A ResizeObserver reports the first
 * size on its own, right after the next layout and before that frame is painted, so the value
 * arrives in time to draw and nothing is laid out twice. Until then the value is whatever the
 * component started with (0).
 */
import type { Attachment } from 'svelte/attachments';

export function clientSize(
  dimension: 'clientWidth' | 'clientHeight',
  set: (px: number) => void,
): Attachment<HTMLElement> {
  return (element) => {
    const observer = new ResizeObserver(() => set(element[dimension]));
    observer.observe(element);
    return () => observer.disconnect();
  };
}
