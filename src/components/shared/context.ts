// Context keys through which <ow-session> provides the shared client and store.
import { createContext } from '@lit/context';
import type { OwClient } from '../../client/api-client.js';
import type { OwStoreApi } from '../../client/store-types.js';

export const storeContext = createContext<OwStoreApi | undefined>(Symbol('ow-store'));
export const clientContext = createContext<OwClient | undefined>(Symbol('ow-client'));
