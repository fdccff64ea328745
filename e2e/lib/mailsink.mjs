// A mail server for the browser tests: it accepts every message chancery
// sends over plain SMTP (serve -smtp smtp://127.0.0.1:PORT?tls=none) and
// keeps it, so that a test reads what an applicant is mailed (a code that
// the staff outbox shows masked).

import net from 'node:net';

/** decodeQuotedPrintable decodes a quoted-printable body (RFC 2045) as UTF-8. */
export function decodeQuotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * startMailSink listens on a free port of 127.0.0.1 and returns { url (the
 * -smtp flag's value), messages ({ to, text }: the body decoded), waitFor(test,
 * ms), stop() }. waitFor resolves with the first message test accepts,
 * polling until ms pass (chancery sends its outbox every 30 seconds).
 */
export async function startMailSink() {
  const messages = [];
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let data = null; // the message's lines while in DATA
    let to = [];
    const say = (line) => socket.write(`${line}\r\n`);
    say('220 127.0.0.1 e2e mail sink');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (data !== null) {
          if (line === '.') {
            const raw = data.join('\r\n');
            const split = raw.indexOf('\r\n\r\n');
            const head = raw.slice(0, split);
            const body = raw.slice(split + 4);
            messages.push({ to, head, text: /quoted-printable/i.test(head) ? decodeQuotedPrintable(body) : body });
            data = null;
            to = [];
            say('250 kept');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') say('250 127.0.0.1');
        else if (verb === 'HELO') say('250 127.0.0.1');
        else if (verb === 'RCPT') {
          to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'));
          say('250 ok');
        } else if (verb === 'DATA') {
          data = [];
          say('354 go on');
        } else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
        } else say('250 ok'); // MAIL, RSET, NOOP
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `smtp://127.0.0.1:${port}?tls=none`,
    messages,
    async waitFor(test, ms = 120_000) {
      const until = Date.now() + ms;
      for (;;) {
        const m = messages.find(test);
        if (m) return m;
        if (Date.now() > until) throw new Error(`no such mail within ${ms / 1000}s; got ${messages.length}: ${messages.map((x) => x.to.join(',')).join('; ')}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
