// Origin adapters behind one interface, chosen by a switch on the config's type (architecture.md §5).

import type { OriginConfig } from '../../../shared/config.ts';
import { createFolderOrigin } from './folder-origin.ts';
import { createGcsOrigin } from './gcs-origin.ts';
import { currentRequestHost } from './request-host.ts';
import { createWebOrigin } from './web-origin.ts';
import type { Origin } from './types.ts';

export type * from './types.ts';
export { contentTypeFor } from './mime.ts';
export { withRequestHost } from './request-host.ts';

export interface OriginOptions {
  /** Cap on what an origin may send for one object (images.maxInputBytes). */
  maxBytes: number;
  /** Service-account key JSON by origin id, from the desktop app's SecretBox (else keyFile is read). */
  gcsKeyJson?: (originId: string) => Promise<string | undefined>;
}

export function createOrigin(config: OriginConfig, options: OriginOptions): Origin {
  switch (config.type) {
    case 'folder':
      return createFolderOrigin(config);
    case 'web':
      return createWebOrigin(config, { maxBytes: options.maxBytes, requestHost: currentRequestHost });
    case 'gcs':
      return createGcsOrigin(config, options.gcsKeyJson ? { keyJson: () => options.gcsKeyJson!(config.id) } : {});
  }
}
