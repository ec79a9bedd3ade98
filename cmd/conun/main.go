// Command conun is the render farm's one binary: a node, the CLI that talks
// to nodes, a local renderer and the in-process demo.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Version is the project's version, set at build time with
// -ldflags "-X main.Version=...".
var Version = "0.1.0-dev"

// errUsage marks errors in how the command was called (exit code 2). It is
// wrapped as the first %w of a message and prints as nothing: see
// usageMessage.
var errUsage = errors.New("")

// within says where err happened (a scene, a manifest): "WHERE: err",
// without the empty first part a usage error's message starts with.
func within(where string, err error) error { return prefixed{where, err} }

type prefixed struct {
	where string
	err   error
}

func (p prefixed) Error() string { return p.where + ": " + strings.TrimPrefix(p.err.Error(), ": ") }
func (p prefixed) Unwrap() error { return p.err }

type command struct {
	name string
	help string
	run  func(ctx context.Context, args []string, stdout io.Writer) error
}

func commands() []command {
	return []command{
		{"demo", "run an in-process cluster that renders a bundled scene", runDemo},
		{"gui", "open the desktop app: submit scenes, watch tiles arrive, get frames", runGUI},
		{"node", "run a node: gossip, render, coordinate submitted jobs (conun node init | install-service | pause | resume | reprobe; --config FILE)", runNode},
		{"submit", "submit a job: conun submit SCENE [--wait]", runSubmit},
		{"estimate", "predict a job's render time, wall time and cost from sample crops, before paying: conun estimate SCENE [submit's flags] (= submit --dry-run)", runEstimate},
		{"jobs", "list a node's jobs", runJobs},
		{"status", "show a job: conun status JOB", runStatus},
		{"wait", "wait for a job to finish: conun wait JOB", runWait},
		{"report", "who rendered what, for how long, and who was convicted: conun report JOB", runReport},
		{"logs", "what the renderer printed for a job's tasks, failed ones too: conun logs JOB [--task N | --frame F]", runLogs},
		{"fetch", "download a job's frames: conun fetch JOB --out DIR", runFetch},
		{"cancel", "cancel a job: conun cancel JOB", runCancel},
		{"approve", "approve a job submitted with --preview: lock its budget and render it: conun approve JOB", runApprove},
		{"reject", "reject a job awaiting approval (nothing is locked): conun reject JOB", runReject},
		{"pause", "stop leasing a job's tasks (leases in flight finish): conun pause JOB", runPause},
		{"resume", "lease a paused job's tasks again: conun resume JOB", runResume},
		{"requeue", "render a job's failed (or named) frames again, in the same job: conun requeue JOB --failed | --frames A-B [--wait]", runRequeue},
		{"reclaim", "take a settled job's unspent budget and bond back after its grace: conun reclaim JOB; without JOB, withdraw the stake asked back (unstake) after its delay", runReclaim},
		{"stake", "bond more of the node's tokens in the escrow: conun stake AMOUNT", runStake},
		{"unstake", "ask stake back; conun reclaim withdraws it after the escrow's delay: conun unstake AMOUNT", runUnstake},
		{"dispute", "dispute this node's conviction in a job, posting the escrow's bond: conun dispute JOB (--list: where disputes stand)", runDispute},
		{"nodes", "list the cluster's nodes", runNodes},
		{"backup", "save a consistent copy of a node's store (its jobs): conun backup --out FILE", runBackup},
		{"wallet", "show a node's balance, stake and claims", runWallet},
		{"earnings", "what the node earned as a worker, per job and per day, exact to the wei: conun earnings [--since YYYY-MM-DD] [--json]", runEarnings},
		{"token", "manage a node's client tokens (admin): conun token create --name studio-a [--admin] | list | revoke NAME", runToken},
		{"chain", "serve a local development chain for clusters of node processes; conun chain fund --chain URL ADDR TOKENS funds a key", runChain},
		{"preview", "draw a scene's frames locally, fast (glTF: gl-raster, a fraction of a second each; .blend: Blender's Workbench), with a contact sheet and an MP4: conun preview SCENE [--frames A-B] [--res WxH] [--out DIR]", runPreview},
		{"render", "render one task locally: conun render SCENE --frame F --out FILE.png", runRender},
		{"inspect", "show what a scene uses and how its jobs would be split: conun inspect SCENE", runInspect},
		{"scenes", "list the bundled scenes", runScenes},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signalContext()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalContext ends on SIGINT or SIGTERM, so a node leaves the cluster
// gracefully and a waiting client stops cleanly.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// run executes a subcommand and returns the process exit code: 0 success,
// 1 failure, 2 usage error, 3 a job that ended partial (done, some frames
// failed: see errPartial), 4 a job submitted with --preview awaiting
// approval (errAwaiting).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errPartial):
			fmt.Fprintf(stderr, "conun %s: %v\n", c.name, err)
			return 3
		case errors.Is(err, errAwaiting):
			fmt.Fprintf(stderr, "conun %s: %v\n", c.name, err)
			return 4
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "conun %s: %s\n", c.name, strings.TrimPrefix(err.Error(), ": "))
			return 2
		default:
			fmt.Fprintf(stderr, "conun %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "conun: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: conun COMMAND [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.help)
	}
	fmt.Fprintln(w, "\nrun 'conun COMMAND -h' for a command's flags")
}

// parseFlags parses flags that may come before or after positional
// arguments (conun render scene.glb --frame 2) and returns the positionals.
// Flag errors wrap errUsage.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(os.Stderr)
				fs.PrintDefaults()
				return nil, err
			}
			return nil, fmt.Errorf("%w: %w", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func runVersion(ctx context.Context, args []string, stdout io.Writer) error {
	fmt.Fprintf(stdout, "conun %s\n", Version)
	return nil
}
