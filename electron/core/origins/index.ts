// Origin adapters behind one interface, chosen by a switch on the config's type (architecture.md §5).

import type { OriginConfig } from '../../../shared/config.ts';
import { LoupeError } from '../../../shared/errors.ts';
import { createFolderOrigin } from './folder-origin.ts';
import { currentRequestHost } from './request-host.ts';
import { createWebOrigin } from './web-origin.ts';
import type { Origin } from './types.ts';

export type * from './types.ts';
export { contentTypeFor } from './mime.ts';
export { withRequestHost } from './request-host.ts';

export interface OriginOptions {
  /** Cap on what an origin may send for one object (images.maxInputBytes). */
  maxBytes: number;
}

export function createOrigin(config: OriginConfig, options: OriginOptions): Origin {
  switch (config.type) {
    case 'folder':
      return createFolderOrigin(config);
    case 'web':
      return createWebOrigin(config, { maxBytes: options.maxBytes, requestHost: currentRequestHost });
    case 'gcs':
      throw new LoupeError('CONFIG_INVALID', `origins: "${config.id}" is a ${config.type} origin, which this version of Loupe cannot serve yet`);
  }
}
