package store

import (
	"bufio"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Blobs keeps the content of uploaded files, by the file's id. The
// database keeps them by default (DBBlobs), so every instance sees them
// and backups hold them; an object store can take its place later.
type Blobs interface {
	// Put keeps what r yields as the content of file id, inside tx when
	// the content lives in the database.
	Put(ctx context.Context, tx *Tx, id int64, r io.Reader) error
	// Open streams the content of file id.
	Open(ctx context.Context, id int64) (io.ReadCloser, error)
	// Delete drops the content of file id.
	Delete(ctx context.Context, tx *Tx, id int64) error
}

// ChunkSize is how much of a file one encrypted chunk holds.
const ChunkSize = 256 << 10

// DataKeySize is the length of the key that encrypts files at rest: AES-256.
const DataKeySize = 32

// ErrNoDataKey: the server was started without a key to encrypt files with.
var ErrNoDataKey = errors.New("no data key configured (-data-key): files cannot be kept or read")

// ErrFileDamaged: a chunk of a file failed authentication, is missing or
// is out of place: the key is wrong, or the rows were altered.
var ErrFileDamaged = errors.New("a stored file fails authentication: wrong data key, or its chunks were altered")

// ParseDataKey reads a data key written in base64 (standard or URL
// alphabet, padded or not): 32 bytes.
func ParseDataKey(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil {
			if len(k) != DataKeySize {
				return nil, fmt.Errorf("the data key must be %d bytes in base64, not %d", DataKeySize, len(k))
			}
			return k, nil
		}
	}
	return nil, errors.New("the data key must be base64 (openssl rand -base64 32 makes one)")
}

// NewDataKey makes a random data key, in base64.
func NewDataKey() string {
	k := make([]byte, DataKeySize)
	rand.Read(k)
	return base64.StdEncoding.EncodeToString(k)
}

// SetDataKey makes the database keep uploaded files itself (DBBlobs),
// encrypted with key (32 bytes).
func (db *DB) SetDataKey(key []byte) error {
	b, err := NewDBBlobs(db, key)
	if err != nil {
		return err
	}
	db.blobs = b
	return nil
}

// DBBlobs keeps files in the database in chunks of ChunkSize, each sealed
// with AES-256-GCM under its own random nonce. The file's id, the chunk's
// index and whether it is the last are the additional data, so a chunk
// moved to another file or place, or a file cut short, fails to open.
type DBBlobs struct {
	db   *DB
	aead cipher.AEAD
}

// NewDBBlobs keeps files in db, encrypted with key (32 bytes).
func NewDBBlobs(db *DB, key []byte) (*DBBlobs, error) {
	if len(key) != DataKeySize {
		return nil, fmt.Errorf("the data key must be %d bytes, not %d", DataKeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &DBBlobs{db: db, aead: aead}, nil
}

// chunkAAD binds a chunk to its file, its place and its being the last.
func chunkAAD(id int64, idx int, final bool) []byte {
	ad := make([]byte, 0, 32)
	ad = append(ad, "chancery file chunk v1"...)
	ad = binary.BigEndian.AppendUint64(ad, uint64(id))
	ad = binary.BigEndian.AppendUint64(ad, uint64(idx))
	if final {
		return append(ad, 1)
	}
	return append(ad, 0)
}

// Put seals r chunk by chunk into tx: it holds one chunk (and its sealed
// copy) at a time.
func (b *DBBlobs) Put(ctx context.Context, tx *Tx, id int64, r io.Reader) error {
	br := bufio.NewReaderSize(r, ChunkSize)
	buf := make([]byte, ChunkSize)
	sealed := make([]byte, 0, ChunkSize+b.aead.Overhead())
	for idx := 0; ; idx++ {
		n, err := io.ReadFull(br, buf)
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return err
		}
		final := n < ChunkSize
		if !final {
			if _, err := br.Peek(1); err == io.EOF {
				final = true
			} else if err != nil {
				return err
			}
		}
		nonce := make([]byte, b.aead.NonceSize())
		if _, err := rand.Read(nonce); err != nil {
			return err
		}
		sealed = b.aead.Seal(sealed[:0], nonce, buf[:n], chunkAAD(id, idx, final))
		flag := 0
		if final {
			flag = 1
		}
		if _, err := tx.exec(ctx, `INSERT INTO application_file_chunks (file_id, idx, nonce, data, final) VALUES (?, ?, ?, ?, ?)`,
			id, idx, nonce, sealed, flag); err != nil {
			return err
		}
		if final {
			return nil
		}
	}
}

// Delete drops the file's chunks.
func (b *DBBlobs) Delete(ctx context.Context, tx *Tx, id int64) error {
	_, err := tx.exec(ctx, `DELETE FROM application_file_chunks WHERE file_id = ?`, id)
	return err
}

// Open streams the file a chunk at a time, each read and opened when the
// reader reaches it; a chunk that fails to open is ErrFileDamaged.
func (b *DBBlobs) Open(ctx context.Context, id int64) (io.ReadCloser, error) {
	return &chunkReader{ctx: ctx, b: b, id: id}, nil
}

type chunkReader struct {
	ctx  context.Context
	b    *DBBlobs
	id   int64
	idx  int
	buf  []byte
	done bool
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.done {
			return 0, io.EOF
		}
		if err := c.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

func (c *chunkReader) next() error {
	var nonce, data []byte
	var final int
	err := c.b.db.reader().queryRow(c.ctx, `SELECT nonce, data, final FROM application_file_chunks WHERE file_id = ? AND idx = ?`,
		c.id, c.idx).Scan(&nonce, &data, &final)
	if isNoRows(err) {
		return ErrFileDamaged
	}
	if err != nil {
		return err
	}
	if len(nonce) != c.b.aead.NonceSize() {
		return ErrFileDamaged
	}
	plain, err := c.b.aead.Open(data[:0], nonce, data, chunkAAD(c.id, c.idx, final == 1))
	if err != nil {
		return ErrFileDamaged
	}
	c.buf, c.done = plain, final == 1
	c.idx++
	return nil
}

func (c *chunkReader) Close() error { return nil }

// files is where the database keeps uploaded files' content.
func (db *DB) files() (Blobs, error) {
	if db.blobs == nil {
		return nil, ErrNoDataKey
	}
	return db.blobs, nil
}

// SetBlobs makes b keep uploaded files' content, in place of the
// database's own DBBlobs.
func (db *DB) SetBlobs(b Blobs) { db.blobs = b }
