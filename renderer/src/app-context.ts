// What every page may need: the server's status (its delivery URL) and navigation between pages.

import { createContext, useContext } from 'react';
import type { ServerStatus } from '../../shared/contract.ts';

export type Page = 'origins' | 'endpoints' | 'activity' | 'settings';
export type OriginsMode = 'list' | 'gcs' | 'web' | 'folder';

export interface Route {
  page: Page;
  /** Origins page: which form is open. Endpoints page: the endpoint to open. */
  mode?: OriginsMode;
  endpoint?: string;
}

export interface AppContextValue {
  status: ServerStatus | undefined;
  route: Route;
  navigate(route: Route): void;
  refreshStatus(): void;
}

export const AppContext = createContext<AppContextValue>({
  status: undefined,
  route: { page: 'origins' },
  navigate: () => undefined,
  refreshStatus: () => undefined,
});

export function useApp(): AppContextValue {
  return useContext(AppContext);
}
