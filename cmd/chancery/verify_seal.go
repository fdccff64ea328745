package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/chancery-platform/chancery/documents"
	"github.com/chancery-platform/chancery/seal"
	"github.com/chancery-platform/chancery/store"
)

// runVerifySeal checks a document's code against published keys: those of
// a file saved from /verify/keys (offline), or those in the database.
func runVerifySeal(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var code string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		code, args = args[0], args[1:]
	}
	var keysFile string
	withKeys := func(fs *flag.FlagSet) {
		fs.StringVar(&keysFile, "keys", "", "the published keys, as saved from /verify/keys; empty reads them from the database")
	}
	cfg, fs, err := parseConfigWith("verify-seal", args, getenv, stderr, withKeys)
	if err != nil {
		return err
	}
	if code == "" && fs.NArg() == 1 {
		code = fs.Arg(0)
	}
	if code == "" {
		return errors.New("usage: chancery verify-seal CODE [-keys FILE]")
	}
	var set seal.KeySet
	if keysFile != "" {
		raw, err := os.ReadFile(keysFile)
		if err != nil {
			return err
		}
		if set, err = seal.ParseKeySet(raw); err != nil {
			return fmt.Errorf("%s: not the JSON of /verify/keys", keysFile)
		}
	} else {
		err := cfg.withDB(ctx, func(db *store.DB) (err error) {
			set, err = documents.New(db, "", nil, nil).Keys(ctx)
			return err
		})
		if err != nil {
			return err
		}
	}
	r, err := seal.Verify(code, set.Map())
	if err != nil {
		if r.KeyID != "" {
			fmt.Fprintln(stdout, "signing key:", r.KeyID)
		}
		return fmt.Errorf("the seal does not hold: %w", err)
	}
	fmt.Fprintf(stdout, "the seal holds (key %s)\nmission:   %s\nkind:      %s, %s\nreference: %s\nholder:    %s\nissued:    %s\n",
		r.KeyID, r.Mission, r.CaseType, r.Result, r.Ref, r.Holder, r.Issued.Format("2006-01-02"))
	if !r.Expires.IsZero() {
		fmt.Fprintf(stdout, "expires:   %s\n", r.Expires.Format("2006-01-02"))
	}
	fmt.Fprintln(stdout, "whether the mission revoked it since, only its verify page can say")
	return nil
}
