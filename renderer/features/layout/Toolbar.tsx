import { IndexProgress } from './IndexProgress';
import { useApp } from '../../store';
import { shortcutLabel } from './keymap';
import { TextSettings } from '../reading/TextSettings';
import './layout.css';

/** The top bar: library name, the Reader / Articles switch, Search, Annotations, Text, Open Folder…, and the problems badge. */
export function Toolbar() {
  const library = useApp((s) => s.library);
  const problems = useApp((s) => s.problems);
  const opening = useApp((s) => s.openingLibrary !== null);
  const problemsOpen = useApp((s) => s.problemsOpen);
  const setProblemsOpen = useApp((s) => s.setProblemsOpen);
  const chooseFolder = useApp((s) => s.chooseFolder);
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const openSearch = useApp((s) => s.openSearch);
  const annotationsShown = useApp((s) => s.annotationsPanelOpen && s.view === 'reader');
  const toggleAnnotations = useApp((s) => s.toggleAnnotationsPanel);
  const openShortcuts = useApp((s) => s.setShortcutSheetOpen);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <header className="toolbar">
      <span className="app-name">Threadline</span>
      <div className="view-switch" role="group" aria-label="View">
        <button type="button" aria-pressed={view === 'reader'} onClick={() => setView('reader')}>
          Reader
        </button>
        <button type="button" aria-pressed={view === 'articles'} onClick={() => setView('articles')}>
          Articles
        </button>
      </div>
      <span className="library-name" title={library?.root}>
        {library
          ? `${library.isDefault ? 'Bundled library' : library.name} · ${library.postCount} ${library.postCount === 1 ? 'post' : 'posts'}`
          : 'Loading…'}
      </span>
      <IndexProgress />
      {/* The actions wrap onto a line of their own when the window is narrow (or zoomed), never off its edge. */}
      <div className="toolbar-actions">
        <button
          type="button"
          className="search-button"
          aria-keyshortcuts="Control+K Meta+K /"
          onClick={() => openSearch()}
        >
          <svg className="search-icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M7 12.5A5.5 5.5 0 1 0 7 1.5a5.5 5.5 0 0 0 0 11zM11 11l3.5 3.5" />
          </svg>
          <span>Search</span>
          <kbd aria-hidden="true">{shortcutLabel('K')}</kbd>
        </button>
        <button
          type="button"
          className="annotations-button"
          aria-pressed={annotationsShown}
          aria-keyshortcuts="Control+Shift+A Meta+Shift+A"
          title={`Annotations (${shortcutLabel('A', true)})`}
          onClick={toggleAnnotations}
        >
          Annotations
        </button>
        <TextSettings />
        <button type="button" onClick={() => void chooseFolder()}>
          Open Folder…
        </button>
        <button
          type="button"
          className="shortcuts-button"
          aria-keyshortcuts="?"
          title="Keyboard shortcuts (?)"
          onClick={() => openShortcuts(true)}
        >
          <span className="sr-only">Keyboard shortcuts</span>
          <span aria-hidden="true">?</span>
        </button>
        <button
          type="button"
          id="problems-badge"
          className={opening ? 'badge' : errors ? 'badge has-errors' : problems.length ? 'badge has-warnings' : 'badge'}
          aria-expanded={problemsOpen}
          aria-controls={problemsOpen ? 'problems-panel' : undefined}
          onClick={() => setProblemsOpen(!problemsOpen)}
        >
          {/* While a library opens its problems are not known yet: not "0 problems". */}
          {opening ? 'Checking files…' : `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`}
        </button>
      </div>
    </header>
  );
}
