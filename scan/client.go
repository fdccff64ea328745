package scan

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"time"
)

// DefaultChunkSize is how many bytes of a file go to clamd in one INSTREAM
// chunk: the memory a scan holds, whatever the file's size.
const DefaultChunkSize = 64 << 10

// DefaultTimeout bounds a scan or command whose context has no deadline,
// so a clamd that stops answering cannot hold a file's scan forever.
const DefaultTimeout = 2 * time.Minute

// maxReply bounds what is read of one of clamd's answers; real ones are a
// line ("stream: OK", a version string).
const maxReply = 4 << 10

// Client asks one clamd. It holds no connection between calls, so one
// Client may be used by any number of goroutines.
type Client struct {
	addr Address
	// ChunkSize is the size of the chunks a file is sent in;
	// 0 is DefaultChunkSize.
	ChunkSize int
}

// NewClient returns a client of the clamd at addr.
func NewClient(addr Address) *Client {
	return &Client{addr: addr}
}

// Scan sends what r holds to clamd with INSTREAM, a chunk at a time, and
// returns clamd's verdict. Any error means the file was not found clean:
// ErrUnavailable, ErrLimitExceeded, ErrScanner, the context's error, or the
// error of reading r. The context is checked between chunks and bounds
// every exchange with clamd; a Read of r that blocks is not interrupted.
func (c *Client) Scan(ctx context.Context, r io.Reader) (Result, error) {
	conn, ctx, stop, err := c.dial(ctx)
	if err != nil {
		return Result{}, err
	}
	defer stop()
	if _, err := conn.Write([]byte("zINSTREAM\x00")); err != nil {
		return Result{}, c.broken(ctx, "sending INSTREAM", err)
	}
	// clamd may answer before the stream ends (a stream over its
	// StreamMaxLength), then close the connection: the answer is read as it
	// comes, so it is not lost to the write that finds the connection closed.
	replies := make(chan reply, 1)
	go func() { replies <- readReply(conn) }()

	sendErr := c.send(ctx, conn, r, replies)
	if sendErr != nil && !errors.Is(sendErr, errConn) {
		return Result{}, sendErr // the file could not be read, or the context ended
	}
	rep := <-replies // bounded by the connection's deadline
	if rep.err != nil {
		return Result{}, c.broken(ctx, "reading clamd's answer", rep.err)
	}
	res, err := parseReply(rep.text)
	if err == nil && sendErr != nil {
		// An answer before the whole file was sent is never a verdict on it.
		return Result{}, fmt.Errorf("%w: answered %.200q before the whole file was sent", ErrScanner, rep.text)
	}
	return res, err
}

// errConn marks a failure to write to clamd, as against reading the file.
var errConn = errors.New("connection to clamd failed")

// send writes r to conn as INSTREAM chunks, each a 4-byte big-endian
// length and the bytes, then the zero-length chunk that ends the stream.
// Each Read of r makes a chunk (of at most the chunk size), so the context
// is looked at after every Read, however little a slow reader gives. It
// stops early when clamd has answered already.
func (c *Client) send(ctx context.Context, conn net.Conn, r io.Reader, replies <-chan reply) error {
	size := c.ChunkSize
	if size <= 0 {
		size = DefaultChunkSize
	}
	buf := make([]byte, 4+size)
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		if len(replies) > 0 {
			return fmt.Errorf("%w: clamd answered before the end of the file", errConn)
		}
		n, readErr := r.Read(buf[4:])
		if n > 0 {
			binary.BigEndian.PutUint32(buf[:4], uint32(n))
			if _, err := conn.Write(buf[:4+n]); err != nil {
				return fmt.Errorf("%w: %w", errConn, err)
			}
		}
		switch {
		case readErr == io.EOF:
			if _, err := conn.Write([]byte{0, 0, 0, 0}); err != nil {
				return fmt.Errorf("%w: %w", errConn, err)
			}
			return nil
		case readErr != nil:
			return fmt.Errorf("scan: reading the file: %w", readErr)
		}
	}
}

// Ping asks clamd whether it is ready to scan: nil when it answers PONG.
func (c *Client) Ping(ctx context.Context) error {
	answer, err := c.command(ctx, "PING")
	if err != nil {
		return err
	}
	if answer != "PONG" {
		return fmt.Errorf("%w: PING answered %.200q", ErrScanner, answer)
	}
	return nil
}

// Version returns clamd's version and, when it has an official database,
// that database's version and date ("ClamAV 1.4.6/27480/Sun Dec  6 09:40:08 2026").
func (c *Client) Version(ctx context.Context) (string, error) {
	return c.command(ctx, "VERSION")
}

// command sends one NUL-terminated command and returns clamd's answer.
func (c *Client) command(ctx context.Context, name string) (string, error) {
	conn, ctx, stop, err := c.dial(ctx)
	if err != nil {
		return "", err
	}
	defer stop()
	if _, err := conn.Write([]byte("z" + name + "\x00")); err != nil {
		return "", c.broken(ctx, "sending "+name, err)
	}
	rep := readReply(conn)
	if rep.err != nil {
		return "", c.broken(ctx, "reading the answer to "+name, rep.err)
	}
	return rep.text, nil
}

// dial connects to clamd. It returns the context of the exchange, ctx or,
// when ctx has no deadline, ctx with DefaultTimeout; the connection's reads
// and writes end when it is done. stop closes the connection.
func (c *Client) dial(ctx context.Context) (net.Conn, context.Context, func(), error) {
	cancel := context.CancelFunc(func() {})
	if _, ok := ctx.Deadline(); !ok {
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, c.addr.Network, c.addr.Addr)
	if err != nil {
		defer cancel()
		if ctx.Err() != nil {
			return nil, nil, nil, fmt.Errorf("scan: %w (connecting to %s)", ctx.Err(), c.addr)
		}
		return nil, nil, nil, fmt.Errorf("%w: %s: %w", ErrUnavailable, c.addr, err)
	}
	// Reads and writes under way end once ctx is done (its deadline or a
	// cancellation), when ctx.Err already tells why.
	unwatch := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	return conn, ctx, func() { unwatch(); conn.Close(); cancel() }, nil
}

// broken is the error of an exchange with clamd that failed: the
// context's when it ended, else ErrUnavailable.
func (c *Client) broken(ctx context.Context, doing string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("scan: %w (%s)", ctx.Err(), doing)
	}
	return fmt.Errorf("%w: %s: %s: %w", ErrUnavailable, c.addr, doing, err)
}

// reply is one answer of clamd, read up to its NUL terminator.
type reply struct {
	text string
	err  error
}

func readReply(conn net.Conn) reply {
	b, err := bufio.NewReaderSize(io.LimitReader(conn, maxReply), 256).ReadBytes(0)
	if err != nil {
		if err == io.EOF && len(b) > 0 {
			err = fmt.Errorf("answer %.200q cut off", b)
		} else if err == io.EOF {
			err = errors.New("connection closed without an answer")
		}
		return reply{err: err}
	}
	return reply{text: string(bytes.TrimSuffix(b, []byte{0}))}
}
