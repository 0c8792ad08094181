import { Group, Panel, Separator } from 'react-resizable-panels';
import { AnnotationsPanel } from './features/annotations/AnnotationsPanel';
import { ActionStatus } from './features/export/ThreadActions';
import { ArticlesPane } from './features/articles/ArticlesPane';
import { FindBar } from './features/find/FindBar';
import { DropTarget } from './features/layout/DropTarget';
import { focusThread } from './features/layout/keyboard-actions';
import { useKeymap } from './features/layout/keymap';
import { OpeningStatus } from './features/layout/OpeningStatus';
import { ShellNotice } from './features/layout/ShellNotice';
import { LibraryTimeline } from './features/timeline/LibraryTimeline';
import { ShortcutSheet } from './features/layout/ShortcutSheet';
import { Toolbar } from './features/layout/Toolbar';
import { useRememberedPanes } from './features/layout/use-remembered-panes';
import { LibraryArticles } from './features/library-articles/LibraryArticles';
import { PostList } from './features/post-list/PostList';
import { ProblemsPanel } from './features/problems/ProblemsPanel';
import { SearchPanel } from './features/search/SearchPanel';
import { Thread } from './features/thread/Thread';
import { StoreContext, useApp } from './store';
import { useContext } from 'react';

const PANES = ['posts', 'thread', 'articles'] as const;

/** The reader (posts | the open post with its comments | the articles quoted in it), or the library's Articles view. */
export function App() {
  const libraryError = useApp((s) => s.libraryError);
  const view = useApp((s) => s.view);
  const annotationsOpen = useApp((s) => s.annotationsPanelOpen);
  const store = useContext(StoreContext);
  useKeymap();
  const { groupRef, onLayoutChanged } = useRememberedPanes(PANES);
  return (
    <div className="app">
      {/* The first thing Tab reaches. */}
      <a
        className="skip-link"
        href="#thread-scroller"
        onClick={(event) => {
          event.preventDefault();
          if (store) focusThread(store);
        }}
      >
        Skip to the reading pane
      </a>
      <Toolbar />
      <ShellNotice />
      <ActionStatus />
      <OpeningStatus />
      {libraryError && (
        <p role="alert" className="error banner">
          {libraryError}
        </p>
      )}
      <ProblemsPanel />
      {/* Hidden rather than unmounted in the Articles view, so the panes keep their sizes. */}
      <div className="reader-view" hidden={view !== 'reader'}>
        <Group orientation="horizontal" className="panes" groupRef={groupRef} onLayoutChanged={onLayoutChanged}>
          <Panel id="posts" defaultSize="22%" minSize="14%" className="pane pane-posts">
            <PostList />
          </Panel>
          <Separator className="separator" />
          <Panel id="thread" defaultSize="52%" minSize="30%" className="pane pane-thread">
            <main id="thread-scroller" className="scroller">
              <Thread />
            </main>
            <FindBar />
          </Panel>
          <Separator className="separator" />
          {/* The annotations panel takes the quoted articles' place while open: the post stays beside the list. */}
          <Panel
            id="articles"
            defaultSize="26%"
            minSize="14%"
            className={annotationsOpen ? 'pane pane-annotations' : 'pane pane-articles'}
          >
            {annotationsOpen ? <AnnotationsPanel /> : <ArticlesPane />}
          </Panel>
        </Group>
      </div>
      {view === 'articles' && <LibraryArticles />}
      <SearchPanel />
      <ShortcutSheet />
      <LibraryTimeline />
      <DropTarget />
    </div>
  );
}
