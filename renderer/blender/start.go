package blender

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Launch describes one Blender run for a StartFunc: the command line, and
// every host path the run touches, so that a sandbox can mount exactly those.
type Launch struct {
	// Binary is Config.Binary, the Blender to run.
	Binary string
	// Args are Blender's arguments (background, no auto-run, the driver).
	Args []string
	// Driver is the driver script the arguments name; it is only read.
	Driver string
	// Scene is the scene file, only read; "" for runs that load no scene
	// (probe, devices).
	Scene string
	// OutDir is the one directory the run writes (its tasks' images);
	// "" for runs that write nothing.
	OutDir string
}

// tempDir is where a local run's Blender keeps its temp files: the run's
// own output directory, else the driver's (the Renderer's work dir); both
// are removed by the backend, whatever way Blender ended.
func (l Launch) tempDir() string {
	if l.OutDir != "" {
		return l.OutDir
	}
	if l.Driver != "" {
		return filepath.Dir(l.Driver)
	}
	return ""
}

// Proc is a started Blender as the backend drives it.
type Proc interface {
	// Stdin takes the driver's tasks; closing it asks the driver to exit.
	Stdin() io.WriteCloser
	// Output is Blender's stdout and stderr merged in order. It ends once
	// the process has exited; the caller reads it to its end and closes it.
	Output() io.ReadCloser
	// Wait waits until the process has ended and releases what it held.
	// Its error says how a failed run ended ("exit status 1", "signal:
	// killed", or a sandbox's reason such as running out of memory).
	Wait() error
	// Kill ends the process now; Wait still has to be called.
	Kill() error
}

// StartFunc starts Blender as l describes. ctx bounds the start only: the
// process lives until it exits or is killed. Config.Start takes one to run
// Blender somewhere else than as a child process, for example in a
// container (see renderer/sandbox).
type StartFunc func(ctx context.Context, l Launch) (Proc, error)

func (c Config) start(ctx context.Context, l Launch) (Proc, error) {
	if c.Start != nil {
		return c.Start(ctx, l)
	}
	return startLocal(l)
}

// localProc is Blender as a child process of the node.
type localProc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *os.File
}

func startLocal(l Launch) (Proc, error) {
	path, err := exec.LookPath(l.Binary)
	if err != nil {
		return nil, fmt.Errorf("blender: %s not found: install Blender (Debian: apt-get install blender) or give its path: %w", l.Binary, err)
	}
	cmd := exec.Command(path, l.Args...)
	// Every run reads colours with Blender's own configuration, as
	// every node and checker does: an owner's OCIO (a studio's colour
	// configuration) would change every frame of an unsandboxed node,
	// which its checkers would convict (measured on 3.4, a studio's
	// "Filmic" changed 2,304 of 3,072 values of a 32x24 frame), and an
	// artist's would let the pack save names the nodes do not have.
	// OCIO_ACTIVE_VIEWS and its kin hide views of a configuration.
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "OCIO") })
	// Blender makes its own temp dir (blender_XXXXXX) under TMPDIR and
	// removes it only when it exits cleanly; a killed Blender (a cancelled
	// task, a closed warm process) would leave one in /tmp per run. Under
	// a directory of ours it goes when ours does.
	if tmp := l.tempDir(); tmp != "" {
		cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("blender: %w", err)
	}
	// One pipe for stdout and stderr keeps Blender's errors in order with
	// the rest of its output.
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("blender: %w", err)
	}
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		pr.Close()
		pw.Close()
		return nil, fmt.Errorf("blender: start %s: %w", l.Binary, err)
	}
	pw.Close()
	return &localProc{cmd: cmd, stdin: stdin, out: pr}, nil
}

func (p *localProc) Stdin() io.WriteCloser { return p.stdin }
func (p *localProc) Output() io.ReadCloser { return p.out }
func (p *localProc) Kill() error           { return p.cmd.Process.Kill() }

func (p *localProc) Wait() error { return p.cmd.Wait() }
