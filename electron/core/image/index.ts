// The image pipeline's public face: the server uses only what is exported here.

export { createImagePipeline, type ImagePipelineOptions } from './pipeline.ts';
export { isImageContentType } from './probe.ts';
export { parseAccept } from './format-plan.ts';
export { AVIF_EFFORT, WEBP_EFFORT } from './encode.ts';
export type { FormatPlan, ImageInfo, ImagePipeline, ImageRequest, ImageResult, ResultFormat } from './types.ts';
