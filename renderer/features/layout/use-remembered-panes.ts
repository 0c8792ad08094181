import { useCallback, useEffect, useRef } from 'react';
import type { GroupImperativeHandle, Layout, LayoutChangedMeta } from 'react-resizable-panels';
import { useApp } from '../../store';

/**
 * The panes' widths as the reader left them: asked for once, put back when they arrive, and
 * remembered whenever the reader drags a separator or moves it with the keyboard.
 */
export function useRememberedPanes(panelIds: readonly string[]) {
  const groupRef = useRef<GroupImperativeHandle | null>(null);
  const remembered = useApp((s) => s.rememberedPanes);
  const loadPanes = useApp((s) => s.loadPanes);
  const savePanes = useApp((s) => s.savePanes);
  useEffect(() => void loadPanes(), [loadPanes]);
  useEffect(() => {
    // Widths of other panes (an older or newer layout) are not forced on these.
    const fits = remembered && Object.keys(remembered).sort().join() === [...panelIds].sort().join();
    if (fits) groupRef.current?.setLayout(remembered);
  }, [remembered, panelIds]);
  const onLayoutChanged = useCallback(
    (layout: Layout, meta: LayoutChangedMeta) => {
      if (meta.isUserInteraction) savePanes(layout);
    },
    [savePanes],
  );
  return { groupRef, onLayoutChanged };
}
