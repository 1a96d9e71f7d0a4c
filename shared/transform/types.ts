// The typed transformation chain: what the URL grammar parses into and the pipelines consume.
// Field names are the SDKs' camelCase names (imagekit-url-spec.md §2.2); URL keys live in the option table.

export type ExprVariable = 'iw' | 'ih' | 'iar' | 'cw' | 'ch' | 'car' | 'bw' | 'bh' | 'bar' | 'idn' | 'bdu' | 'idu';
export type ExprOperator = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'pow';

/** A number or an arithmetic expression (spec §2.6); `num` is the common case of a plain literal. */
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: ExprVariable }
  | { kind: 'op'; op: ExprOperator; left: Expr; right: Expr };

/** An RGBA colour; alpha 0..1 (RRGGBBAA's AA is opacity 00–99, spec §2.2). */
export interface Color {
  r: number;
  g: number;
  b: number;
  alpha: number;
}

export type RelativeFocus =
  | 'center' | 'top' | 'left' | 'bottom' | 'right'
  | 'top_left' | 'top_right' | 'bottom_left' | 'bottom_right';

/** `auto` is saliency; `face`, `custom` and objects are parsed but need features Loupe lacks. */
export type Focus = RelativeFocus | 'auto' | 'face' | 'custom' | { object: string };

export type CropStrategy = 'maintain_ratio' | 'force' | 'at_max' | 'at_max_enlarge' | 'at_least' | 'maintain_ratio_no_enlarge';
export type CropMode = 'pad_resize' | 'extract' | 'pad_extract' | 'pad_resize_no_enlarge' | 'pad_extract_no_shrink';

export type ImageFormat = 'jpg' | 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'svg';
export type OutputFormat = 'auto' | 'orig' | ImageFormat | 'mp4' | 'webm';

export type Background =
  | { kind: 'color'; color: Color }
  | { kind: 'blurred'; amount: number | 'auto'; brightness: number }
  | { kind: 'dominant' }
  | { kind: 'gradient_dominant'; stops: 2 | 4 }
  | { kind: 'genfill'; prompt?: string };

export interface UnsharpMask {
  radius: number;
  sigma: number;
  amount: number;
  threshold: number;
}

/** Sub-parameter effects Loupe parses and validates but does not render yet keep their raw value. */
export interface RawEffect {
  raw: string;
}

/**
 * One step of a chain: the parameters between two `:`. Every field is optional; absent means the
 * default. Booleans are `true` only when the flag or `-true` was given (`-false` yields `false`).
 */
export interface TransformStep {
  // size, crop, layout
  width?: Expr | 'auto';
  height?: Expr;
  aspectRatio?: Expr; // `4-3` and `4_3` parse to num 4/3; expressions (`iar_div_2`) stay expressions
  crop?: CropStrategy;
  cropMode?: CropMode;
  focus?: Focus;
  x?: Expr;
  y?: Expr;
  xCenter?: Expr;
  yCenter?: Expr;
  zoom?: number;
  dpr?: Expr | 'auto';
  // output and optimisation
  quality?: number;
  format?: OutputFormat;
  progressive?: boolean;
  lossless?: boolean;
  metadata?: boolean;
  colorProfile?: boolean;
  original?: boolean;
  named?: string;
  defaultImage?: string; // `@@` already turned back into `/`, no leading `/`
  density?: Expr;
  page?: string;
  // effects
  blur?: number;
  grayscale?: boolean;
  contrast?: boolean;
  sharpen?: number | true; // true = default strength
  unsharpMask?: UnsharpMask | true;
  shadow?: RawEffect | true;
  gradient?: RawEffect | true;
  colorReplace?: RawEffect;
  colorize?: RawEffect | true;
  distort?: RawEffect;
  rotation?: number | 'auto'; // degrees clockwise; `N40` = -40
  flip?: 'h' | 'v' | 'h_v';
  radius?: number | 'max' | [number, number, number, number]; // tl, tr, br, bl
  border?: { width: Expr; color: Color };
  background?: Background;
  trim?: boolean | number; // number = threshold 1–99
  opacity?: number;
  // AI (parsed so a URL that uses them gets "not supported yet", never "unknown")
  ai?: { key: string; value?: string }[];
  // video
  videoCodec?: 'h264' | 'vp9' | 'av1' | 'none';
  audioCodec?: 'aac' | 'opus' | 'none';
  startOffset?: Expr;
  endOffset?: Expr;
  duration?: Expr;
  streamingResolutions?: number[];
  // nested
  layers?: Layer[];
}

export type LayerType = 'image' | 'text' | 'video' | 'subtitles' | 'solid';

/** `l-<type>,…,l-end`. Layer-only params (lx, ly, fs, co, …) are kept by URL key; `chain` is the nested transformation. */
export interface Layer {
  type: LayerType;
  input?: string; // decoded: `i-` with `@@` -> `/`, or `ie-` base64-decoded UTF-8
  params: Record<string, string>;
  chain: ChainStep[];
}

export type ConditionProperty = 'w' | 'h' | 'ar' | 'iw' | 'ih' | 'iar';
export type ConditionOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
export interface Comparison {
  property: ConditionProperty;
  operator: ConditionOperator;
  value: number;
}
/** Disjunctive normal form: `and` binds tighter than `or` (spec §2.2 "Other"). */
export type Condition = Comparison[][];

export interface ConditionalStep {
  kind: 'if';
  condition: Condition;
  then: ChainStep[];
  else: ChainStep[];
}

export type ChainStep = ({ kind: 'step' } & TransformStep) | ConditionalStep;

/** A parsed chain, path part first, then every `tr` query value in order (spec §1.3–§1.4). */
export type Chain = ChainStep[];
