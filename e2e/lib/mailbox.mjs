// A mail server for the browser tests: chancery sends its mail here (serve
// -smtp smtp://127.0.0.1:PORT?tls=none), through its real outbox and SMTP
// client, and a test reads what a person would find in their inbox. The
// staff outbox masks the private link's token and the confirmation code
// (they belong to the applicant), so a journey that follows a link from a
// mail needs the mail itself.

import net from 'node:net';

/** decodeQP decodes a quoted-printable body (RFC 2045): soft line breaks and =XX octets, as UTF-8. */
function decodeQP(text) {
  const bytes = [];
  const s = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(s[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** decodeWords decodes RFC 2047 encoded words (=?UTF-8?B?…?= and ?Q?) in a header. */
function decodeWords(value) {
  return value.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc, data) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQP(data.replace(/_/g, ' ')));
}

/**
 * parse reads a message as chancery writes it (mail/mail.go): headers, then
 * a text/plain body in quoted-printable, or multipart/mixed whose first
 * part is that body. It returns { to, subject, text, raw }.
 */
export function parse(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  let body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name) => (head.match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi')) ?? [])[1] ?? '';
  const boundary = header('Content-Type').match(/boundary="?([^";]+)"?/)?.[1];
  let encoding = header('Content-Transfer-Encoding');
  if (boundary) {
    const part = body.split(`--${boundary}`)[1] ?? '';
    const at = part.search(/\r?\n\r?\n/);
    encoding = (part.slice(0, at).match(/Content-Transfer-Encoding:\s*(\S+)/i) ?? [])[1] ?? '';
    body = part.slice(at).replace(/^\r?\n\r?\n/, '');
  }
  const text = /quoted-printable/i.test(encoding) ? decodeQP(body) : /base64/i.test(encoding) ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { to: header('To'), subject: decodeWords(header('Subject')), text: text.replace(/\r\n/g, '\n'), raw };
}

/**
 * startMailbox listens on a free port of 127.0.0.1 and keeps every message
 * it is sent. It returns { smtpURL, messages, waitFor(test, what, ms), stop() };
 * waitFor resolves with the first message (parsed) for which test is true,
 * polling until ms pass: chancery sends mail from a job that runs every
 * 30 seconds.
 */
export async function startMailbox() {
  const messages = [];
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('utf8');
    const reply = (line) => socket.write(`${line}\r\n`);
    let buffer = '';
    let data = null; // the DATA being received, or null between commands
    reply('220 mailbox.test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) {
            data += buffer;
            buffer = '';
            return;
          }
          data += buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 5);
          messages.push(parse(data.replace(/^\.\./gm, '.')));
          data = null;
          reply('250 kept');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          reply('250-mailbox.test');
          reply('250-8BITMIME');
          reply('250 SMTPUTF8');
        } else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') {
          reply('250 ok');
        } else if (verb === 'DATA') {
          data = '';
          reply('354 go on');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
          return;
        } else {
          reply('502 not here');
        }
      }
    });
  });
  await new Promise((resolve, reject) => server.listen(0, '127.0.0.1', resolve).on('error', reject));
  const { port } = server.address();
  return {
    smtpURL: `smtp://127.0.0.1:${port}?tls=none&timeout=60s`,
    messages,
    async waitFor(test, what, ms = 120_000) {
      const until = Date.now() + ms;
      for (;;) {
        const m = messages.find(test);
        if (m) return m;
        if (Date.now() > until) {
          throw new Error(`no mail ${what} within ${ms / 1000}s; received:\n${messages.map((x) => `  to ${x.to}: ${x.subject}`).join('\n') || '  nothing'}`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    },
    stop() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
