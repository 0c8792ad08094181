import type { Page } from '@playwright/test';

/** Selects `words` inside the first element matching `selector`, as a reader's mouse would, and lets go of the button. */
export async function select(page: Page, selector: string, words: string) {
  await page.evaluate(
    ([sel, text]) => {
      const root = [...document.querySelectorAll(sel!)].find((el) => el.textContent?.includes(text!))!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const whole = nodes.map((n) => n.data).join('');
      const start = whole.indexOf(text!);
      const end = start + text!.length;
      const at = (offset: number): [Text, number] => {
        let passed = 0;
        for (const node of nodes) {
          if (offset <= passed + node.data.length) return [node, offset - passed];
          passed += node.data.length;
        }
        throw new Error('offset past the end');
      };
      const range = document.createRange();
      range.setStart(...at(start));
      range.setEnd(...at(end));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    [selector, words],
  );
}
