import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getBridge } from './api/client';
import { App } from './App';
import { createAppStore, StoreContext } from './store';
import './styles.css';
import './forced-colours.css';

const root = createRoot(document.getElementById('root')!);
try {
  const store = createAppStore(getBridge());
  // Where the window was before a crash (and what happened) decides which post opens first.
  void store
    .getState()
    .resume()
    .then(() => store.getState().refreshLibrary())
    // Started by a threadline:// link: go there once the library is shown.
    .then(() => store.getState().followPendingLink());
  root.render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
} catch (error) {
  root.render(<p role="alert">{(error as Error).message}</p>);
}
