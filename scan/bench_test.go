package scan_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chancery-platform/chancery/scan"
	"github.com/chancery-platform/chancery/scan/scantest"
)

// benchFileSize is the upload the issue measures: a 10 MB file.
const benchFileSize = 10_000_000

// BenchmarkTenMegabytes compares scanning a 10 MB clean file through clamd
// (over its Unix socket and over TCP) with writing the same bytes to a
// local file, with and without fsync: what a scan adds to an upload.
func BenchmarkTenMegabytes(b *testing.B) {
	file := noise(benchFileSize, 5)
	clamd := scantest.Shared(b)
	for _, addr := range []scan.Address{clamd.Unix, clamd.TCP} {
		b.Run("clamd "+addr.Network, func(b *testing.B) {
			client := scan.NewClient(addr)
			b.SetBytes(benchFileSize)
			for b.Loop() {
				res, err := client.Scan(context.Background(), bytes.NewReader(file))
				if err != nil || !res.Clean() {
					b.Fatalf("%v, %v", res, err)
				}
			}
		})
	}
	for _, sync := range []bool{false, true} {
		name := "local file"
		if sync {
			name += " with fsync"
		}
		b.Run(name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "upload")
			b.SetBytes(benchFileSize)
			for b.Loop() {
				if err := writeFile(path, file, sync); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func writeFile(path string, content []byte, sync bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		return err
	}
	if sync {
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
