// What Loupe's image pipeline cannot render yet, derived from the option table's `image` status, so the
// server answers 400 "not supported yet" instead of silently ignoring a parameter; plus the README table.

import { OPTION_ENTRIES, formatField, optionByKey, type ImageStatus, type Media, type OptionEntry } from './options.ts';
import type { Chain, ChainStep } from './types.ts';

export interface Unsupported {
  /** The URL key (`e-shadow`, `l-image`, `if`). */
  key: string;
  /** The URL value, '' for a bare key or a layer. */
  value: string;
  /** A sentence for people: `Layers (l-image) are not supported yet`. */
  message: string;
}

/**
 * The first parameter of `chain` that the image pipeline does not render yet: 'pending' options and
 * pending values (`fo-face`, `w-auto`) and every layer, also inside the branches of a condition. 'n/a' options (video-only:
 * vc, ac, so, eo, du, sr) are not reported: they do not apply to images and are ignored, as ImageKit does.
 */
export function findUnsupported(chain: Chain, media: 'image'): Unsupported | undefined {
  void media; // Only images have a pipeline today; video gets its own status column later.
  for (const step of chain) {
    const found = checkStep(step);
    if (found) return found;
  }
  return undefined;
}

function checkStep(step: ChainStep): Unsupported | undefined {
  // The pipeline evaluates conditions; what is unsupported is whatever a branch holds.
  if (step.kind === 'if') {
    for (const inner of [...step.then, ...step.else]) {
      const found = checkStep(inner);
      if (found) return found;
    }
    return undefined;
  }
  for (const entry of OPTION_ENTRIES) {
    const { spec } = entry;
    if (spec.kind !== 'step') continue;
    const value = formatField(step, spec);
    if (value !== undefined && isPending(entry, value)) return unsupported(entry.key, value);
  }
  for (const a of step.ai ?? []) {
    const entry = optionByKey(a.key);
    if (!entry || isPending(entry, a.value ?? null)) return unsupported(a.key, a.value ?? null);
  }
  const layer = step.layers?.[0];
  if (layer) {
    const key = `l-${layer.type === 'solid' ? 'image' : layer.type}`;
    const what = layer.type === 'solid' ? 'Solid colour layers' : 'Layers';
    return { key, value: '', message: `${what} (${key}) are not supported yet` };
  }
  return undefined;
}

function isPending({ spec }: OptionEntry, value: string | null): boolean {
  return spec.image === 'pending' || (spec.image === 'render' && spec.pendingValue?.(value) === true);
}

function unsupported(key: string, value: string | null): Unsupported {
  const text = value === null ? key : `${key}-${value}`;
  return { key, value: value ?? '', message: `${text} is not supported yet` };
}

export interface OptionDescription {
  key: string;
  aliases: readonly string[];
  /** The SDK / TransformStep name (`width`, `aiRemoveBackground`, `fontSize`). */
  sdk: string;
  media: readonly Media[];
  image: ImageStatus;
  default?: string;
  /** What the value may be, from the codec. */
  expected: string;
  doc: string;
}

/** One row per option, in table order, for the README and the studio's controls. */
export function describeOptions(): OptionDescription[] {
  return OPTION_ENTRIES.map(({ key, spec }) => ({
    key,
    aliases: spec.aliases ?? [],
    sdk: spec.kind === 'step' ? spec.field : spec.sdk,
    media: spec.media,
    image: spec.image,
    ...(spec.default !== undefined ? { default: spec.default } : {}),
    expected: spec.codec.expected,
    doc: spec.doc,
  }));
}

/** The option table as Markdown (key, SDK name, media, image status, default, doc). */
export function formatOptionsTable(): string {
  const rows = describeOptions().map((o) => {
    const key = [o.key, ...o.aliases].map((k) => `\`${k}\``).join(' / ');
    return `| ${key} | ${o.sdk} | ${o.media.join(', ')} | ${o.image} | ${o.default ?? ''} | ${o.doc.replaceAll('|', '\\|')} |`;
  });
  return ['| Key | SDK name | Media | Image | Default | Doc |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
