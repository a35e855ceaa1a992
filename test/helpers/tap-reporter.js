// The reporter of `tap` (package.json): tap's own on a terminal. Into a pipe or a log, Ink's
// progress redraws come out as thousands of lines, so there the raw TAP is boiled down to a line
// per test file, each failure with its diagnostics, and the totals. Plain JavaScript: tap's
// runner loads it without a TypeScript loader.
// @ts-check
import { Transform } from 'node:stream';
import { Base } from '@tapjs/reporter';

const RESULT = /^(not )?ok \d/;

class Summary extends Transform {
  #partial = '';
  /** The `# Subtest: <file>` line of the file being read, until a failure in it prints it. */
  #file = '';
  /** The indentation of the failure whose YAML diagnostics are being copied; -1 when none. */
  #failure = -1;

  /** @type {import('node:stream').TransformOptions['transform']} */
  _transform(chunk, _encoding, done) {
    const lines = (this.#partial + String(chunk)).split('\n');
    this.#partial = lines.pop() ?? '';
    done(null, lines.map((line) => this.#keep(line)).join(''));
  }

  /** @type {import('node:stream').TransformOptions['flush']} */
  _flush(done) {
    done(null, this.#keep(this.#partial));
  }

  /** The line and its newline if the summary shows it, else ''. */
  #keep(line) {
    const text = line.trimStart();
    const indent = line.length - text.length;
    if (this.#failure >= 0) {
      // The diagnostics run from `---` to `...`, indented past their result line.
      if (indent > this.#failure || text === '') {
        if (indent === this.#failure + 2 && text === '...') this.#failure = -1;
        return `${line}\n`;
      }
      this.#failure = -1;
    }
    if (indent === 0 && text.startsWith('# Subtest: ')) {
      this.#file = line;
      return '';
    }
    if (indent === 0 && RESULT.test(text)) {
      this.#file = '';
      if (text.startsWith('not ')) this.#failure = 0;
      return `${line}\n`;
    }
    // The totals, the run's time, coverage errors, a bail-out.
    if (indent === 0 && (text.startsWith('#') || text.startsWith('Bail out!'))) return `${line}\n`;
    if (indent > 0 && text.startsWith('not ok ')) {
      const header = this.#file ? `${this.#file}\n` : '';
      this.#file = '';
      this.#failure = indent;
      return `${header}${line}\n`;
    }
    return '';
  }
}

export default process.stdout.isTTY ? Base : Summary;
