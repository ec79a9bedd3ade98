//go:build cgo && gui

package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/conun/conun/gui"
)

func runGUI(ctx context.Context, args []string, stdout io.Writer) error {
	cfg := gui.DefaultConfig()
	fs := flag.NewFlagSet("gui", flag.ContinueOnError)
	fs.StringVar(&cfg.Node, "node", cfg.Node, "node API URL (default from CONUN_NODE)")
	token := envFlag(fs, "token", "CONUN_TOKEN", "node API token (default from CONUN_TOKEN)", func(string) string { return cfg.Token })
	fs.StringVar(&cfg.OutDir, "out", cfg.OutDir, "folder for fetched frames, one per job")
	fs.StringVar(&cfg.DataDir, "data", cfg.DataDir, "data folder of the local node the app offers to start")
	fs.StringVar(&cfg.Join, "join", cfg.Join, "cluster address suggested for the local node")
	fs.StringVar(&cfg.Job, "job", cfg.Job, "open this job's live view at start")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	cfg.Token = token.Value()
	cfg.StartNode = func(ctx context.Context, dataDir, join string) (gui.LocalNode, error) {
		return startLocalNode(ctx, dataDir, join)
	}
	cfg.Pack = func(ctx context.Context, path string) ([]byte, error) { return packBlend(ctx, path, defaultBlender()) }
	return gui.Run(ctx, cfg)
}
