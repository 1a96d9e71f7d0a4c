// Origin adapters behind one interface, chosen by a switch on the config's type (architecture.md §5).

import type { OriginConfig } from '../../../shared/config.ts';
import { LoupeError } from '../../../shared/errors.ts';
import { createFolderOrigin } from './folder-origin.ts';
import type { Origin } from './types.ts';

export type * from './types.ts';
export { contentTypeFor } from './mime.ts';

export interface OriginOptions {
  /** Cap on what an origin may send for one object (images.maxInputBytes). */
  maxBytes: number;
}

export function createOrigin(config: OriginConfig, _options: OriginOptions): Origin {
  switch (config.type) {
    case 'folder':
      return createFolderOrigin(config);
    case 'web':
    case 'gcs':
      throw new LoupeError('CONFIG_INVALID', `origins: "${config.id}" is a ${config.type} origin, which this version of Loupe cannot serve yet`);
  }
}
