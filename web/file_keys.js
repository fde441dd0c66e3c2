// The log view's keyboard (part of FileView, file_view.js; main.js dispatches keys here when no
// field has the focus) and the go-to-line field.
import { LEVEL } from './url_state.js';
import { ROW_HEIGHT } from './log_open.js';

export class FileKeys {
  onKey(event, typing) {
    if (typing) return false;  // the search and go-to fields handle their own keys
    const page = Math.max(ROW_HEIGHT, this.log.clientHeight - 2 * ROW_HEIGHT);
    const logFocused = document.activeElement === this.log;
    switch (event.key) {
      case '/':
        this.$('search').focus();
        this.$('search').select();
        return true;
      case 'n': this.find(false); return true;
      case 'N': this.find(true); return true;
      case 'e': this.jumpToLevel(LEVEL.ERROR, false); return true;
      case 'E': this.jumpToLevel(LEVEL.ERROR, true); return true;
      case 'w': this.jumpToLevel(LEVEL.WARNING, false); return true;
      case 'W': this.jumpToLevel(LEVEL.WARNING, true); return true;
      case 'j': this.cancelJump(); this.vr.scrollByPixels(ROW_HEIGHT); return true;
      case 'k': this.cancelJump(); this.vr.scrollByPixels(-ROW_HEIGHT); return true;
      case 'ArrowDown': case 'ArrowUp': case 'PageDown': case 'PageUp': case ' ':
        this.cancelJump();
        if (logFocused) return false;  // the browser scrolls the focused log itself
        this.vr.scrollByPixels({ ArrowDown: ROW_HEIGHT, ArrowUp: -ROW_HEIGHT, PageDown: page,
          PageUp: -page, ' ': event.shiftKey ? -page : page }[event.key]);
        return true;
      case 'g': case 'Home':
        this.cancelJump();
        this.vr.scrollToItem(0, 'top');
        return true;
      case 'G': case 'End':
        this.cancelJump();
        this.vr.scrollToItem(this.itemCount() - 1, 'top');
        return true;
      case ':':
        this.promptLine();
        return true;
      case 'c':
        this.copySelection();
        return Boolean(this.selection);
      case 'z':
        this.setWrap(!this.state.wrap);
        return true;
      case 'Escape':
        if (this.selection) {
          this.setSelection(null);
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  promptLine() {
    // A small inline field rather than window.prompt: it does not block the page.
    let input = this.$('goto');
    if (!input) {
      input = document.createElement('input');
      input.id = 'goto';
      input.type = 'text';
      input.inputMode = 'numeric';
      input.className = 'goto';
      input.placeholder = 'line';
      input.setAttribute('aria-label', 'Go to line');
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          const n = Number(input.value.replace(/[^0-9]/g, ''));
          input.hidden = true;
          this.log.focus({ preventScroll: true });
          if (n >= 1) {
            this.setSelection({ first: n, last: n });
            this.target = { first: n, last: n };
            this.jumped = false;
            this.tryJump();
          }
        } else if (event.key === 'Escape') {
          input.hidden = true;
          this.log.focus({ preventScroll: true });
        }
      });
      input.addEventListener('blur', () => {
        input.hidden = true;
      });
      this.$('file-tools').querySelector('.view-box').prepend(input);
    }
    input.value = '';
    input.hidden = false;
    input.focus();
  }
}
