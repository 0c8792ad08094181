import { render } from '@testing-library/react';
import type { Bridge } from '../preload/api';
import type { Service } from '../main/core/service';
import { App } from '../renderer/App';
import { createAppStore, StoreContext } from '../renderer/store';
import { coreBridge } from './test-bridge';

/**
 * Renders the whole app for a test over the real core (the bundled seeds, another library
 * folder, or a given bridge), with the store loaded as the app loads it.
 */
export async function renderApp(options: { library?: string; bridge?: Bridge } = {}) {
  const core = options.bridge ? null : await coreBridge(options.library);
  const bridge = options.bridge ?? core!.bridge;
  Object.defineProperty(window, 'threadline', { value: bridge, configurable: true });
  const store = createAppStore(bridge);
  await store.getState().refreshLibrary();
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { store, bridge, service: core?.service as Service, openedLinks: core?.openedLinks ?? [] };
}
