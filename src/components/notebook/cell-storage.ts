/**
 * A reader's edits of a cell, kept on their device (localStorage) until they reset the cell. The
 * key holds the page, the cell's index and a hash of the author's code, so an edit is forgotten
 * when the lesson's code changes (a stale edit never comes back over new code).
 */

/** FNV-1a 32-bit hash of `text` (UTF-16 code units) as 8 hex digits. */
export function hashCode(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The storage key of cell `index` on page `pathname` whose author wrote `authorCode`. */
export function editKey(pathname: string, index: number, authorCode: string): string {
  return `convnet-cell:${pathname}#${index}:${hashCode(authorCode)}`;
}

/** The minimal Storage a cell needs (localStorage, or a map in tests). */
export type EditStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The saved edit under `key`, or null (none, or storage unavailable). */
export function readEdit(storage: EditStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/**
 * Saves `text` under `key`, or removes the entry when `text` is the author's code again. Storage
 * that is full or blocked is ignored (the edit then lasts for this visit only).
 */
export function writeEdit(storage: EditStorage | null, key: string, text: string, authorCode: string): void {
  try {
    if (text === authorCode) storage?.removeItem(key);
    else storage?.setItem(key, text);
  } catch {
    /* private mode or quota: nothing to keep */
  }
}

/** The page's storage, or null where there is none (server, or access denied). */
export function pageStorage(): EditStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
