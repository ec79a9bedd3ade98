package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/store"
)

// runBackup saves a consistent copy of a node's store: through the running
// node's API, or with --data straight from the file of a stopped node. The
// copy is checked before it takes FILE's name, so a backup that exists is
// one that restores.
func runBackup(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	cf := addClientFlags(fs)
	out := fs.String("out", "", "file to write the backup to (required)")
	data := fs.String("data", "", "back up a stopped node's store from its data folder instead of through --node")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if *out == "" {
		return fmt.Errorf("%w: --out FILE is required", errUsage)
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".backup-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	if *data != "" {
		_, err = store.BackupFile(farm.StorePath(*data), tmp)
		if errors.Is(err, store.ErrCorrupt) {
			err = fmt.Errorf("no backup made: %w", err)
		} else if err != nil {
			err = fmt.Errorf("%w; a running node is backed up through its API: conun backup --node URL --out FILE", err)
		}
	} else {
		err = cf.client().Backup(ctx, tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := store.Verify(tmp.Name()); err != nil {
		return fmt.Errorf("the copy received is not a sound store, nothing written to %s: %w", *out, err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return err
	}
	fi, err := os.Stat(*out)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, map[string]any{"file": *out, "bytes": fi.Size()})
	}
	fmt.Fprintf(stdout, "backup of %d bytes written to %s; to restore, stop the node and copy it to DATA/farm.db\n", fi.Size(), *out)
	return nil
}

// resetStore moves a corrupt store in data aside (`conun node
// --reset-store`) and returns a line saying what it did.
func resetStore(data string) (string, error) {
	path := farm.StorePath(data)
	moved, err := store.Reset(path, time.Now())
	switch {
	case err != nil:
		return "", err
	case moved == "":
		return fmt.Sprintf("store %s is sound (or new): --reset-store kept it", path), nil
	}
	return fmt.Sprintf("store %s was corrupt: moved aside as %s; this node starts with no jobs", path, moved), nil
}
