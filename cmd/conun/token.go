package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/conun/conun/farm/api"
)

// runToken manages a node's client tokens through its API, with the node's
// admin token (--token, CONUN_TOKEN; none for a loopback-only node).
func runToken(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "create" && args[0] != "list" && args[0] != "revoke") {
		return fmt.Errorf("%w: want create --name NAME [--admin], list, or revoke NAME", errUsage)
	}
	verb := args[0]
	fs := flag.NewFlagSet("token "+verb, flag.ContinueOnError)
	cf := addClientFlags(fs)
	name := fs.String("name", "", "with create: the client's name, e.g. studio-a")
	admin := fs.Bool("admin", false, "with create: a token that sees and manages every client's jobs")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	c := cf.client()
	switch verb {
	case "create":
		if *name == "" || len(pos) > 0 {
			return fmt.Errorf("%w: token create wants --name NAME and nothing else", errUsage)
		}
		tok, err := c.CreateToken(ctx, api.TokenRequest{Name: *name, Admin: *admin})
		if err != nil {
			return err
		}
		if *cf.asJSON {
			return printJSON(stdout, tok)
		}
		fmt.Fprintf(stdout, "token for %s (shown this once; the node keeps only its hash):\n%s\n", tok.Name, tok.Token)
		return nil
	case "list":
		if len(pos) > 0 {
			return fmt.Errorf("%w: token list takes no arguments", errUsage)
		}
		toks, err := c.Tokens(ctx)
		if err != nil {
			return err
		}
		if *cf.asJSON {
			return printJSON(stdout, toks)
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tADMIN\tCREATED")
		for _, t := range toks {
			fmt.Fprintf(tw, "%s\t%v\t%s\n", t.Name, t.Admin, t.Created.Local().Format(time.DateTime))
		}
		return tw.Flush()
	default:
		if len(pos) != 1 {
			return fmt.Errorf("%w: token revoke wants one client name", errUsage)
		}
		if err := c.RevokeToken(ctx, pos[0]); err != nil {
			return err
		}
		if *cf.asJSON {
			return printJSON(stdout, map[string]string{"revoked": pos[0]})
		}
		fmt.Fprintf(stdout, "revoked %s\n", pos[0])
		return nil
	}
}
