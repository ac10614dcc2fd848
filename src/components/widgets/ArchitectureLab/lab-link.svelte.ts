/**
 * The Architecture Lab's share link, wired to the page: on mount it opens the network the URL's
 * fragment names (or says the link is damaged); from then on it keeps the fragment in step with
 * the network, a moment after the last change; and it copies the page's address on request. What
 * the fragment holds and how it is checked is pure: lab-link.ts. Call `labLink` during component
 * setup.
 */
import { onMount } from 'svelte';
import type { Translator } from '~/components/widgets/shared/translator';
import type { PresetKey } from '~/lib/cnn/presets';
import { decodeNetwork, encodeNetwork, hashFor, presetOfText, readHash } from './lab-link';
import { presetText } from './lab-state';

/** ms after the last change before the URL is updated (it serialises the page's state). */
export const URL_PAUSE_MS = 600;

export interface LabLinkOptions {
  /** The editor's text (read reactively). */
  text: () => string;
  /** The preset the text is, '' for the reader's own network (read reactively). */
  presetKey: () => PresetKey | '';
  /** Shows a network the link names: its text and the preset it is ('' for none). */
  open: (text: string, presetKey: PresetKey | '') => void;
  t: () => Translator['t'];
}

export interface LabLink {
  /** Why the link could not be opened; '' when it could or the reader has moved on (`dismiss`). */
  readonly notice: string;
  /** What the last `copy` did, a sentence for an aria-live region ('' before the first). */
  readonly copyStatus: string;
  /** Clears the notice: the reader chose a preset or edited the text. */
  dismiss: () => void;
  /** Copies the page's address, which is the link, to the clipboard. */
  copy: () => Promise<void>;
}

export function labLink({ text, presetKey, open, t }: LabLinkOptions): LabLink {
  let notice = $state('');
  let copyStatus = $state('');
  // the URL is written only once the link it came with has been read
  let ready = $state(false);

  onMount(() => {
    const state = readHash(location.hash);
    if (state === null) {
      ready = true;
      return;
    }
    if ('invalid' in state) {
      notice = t()('lab.badLink');
      ready = true;
    } else if ('preset' in state) {
      open(presetText(state.preset), state.preset);
      ready = true;
    } else {
      decodeNetwork(state.net).then((decoded) => {
        if (decoded === null) notice = t()('lab.badLink');
        else open(decoded, presetOfText(decoded));
        ready = true;
      });
    }
  });

  // Keep the URL in step with the network (after the first read of the URL), a moment after typing stops.
  $effect(() => {
    const current = text();
    const key = presetKey();
    if (!ready) return;
    const timer = setTimeout(async () => {
      const hash = key !== '' ? hashFor({ preset: key }) : hashFor({ net: await encodeNetwork(current) });
      if (location.hash !== hash) history.replaceState(null, '', hash);
    }, URL_PAUSE_MS);
    return () => clearTimeout(timer);
  });

  return {
    get notice() {
      return notice;
    },
    get copyStatus() {
      return copyStatus;
    },
    dismiss: () => (notice = ''),
    copy: async () => {
      try {
        await navigator.clipboard.writeText(location.href);
        copyStatus = t()('lab.linkCopied');
      } catch {
        copyStatus = t()('lab.linkFailed');
      }
    },
  };
}
