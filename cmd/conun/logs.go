package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/conun/conun/farm/api"
)

// runLogs prints what the renderer printed for a job's tasks: conun logs
// JOB [--task N | --frame F] [--json].
func runLogs(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("logs", flag.ContinueOnError)
	cf := addClientFlags(fs)
	task := fs.Int("task", -1, "only this task's logs (a task number, as conun report lists them)")
	frame := fs.Int("frame", -1, "only the logs of this frame's tasks")
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	if _, err := api.ParseJobID(id); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case set["task"] && set["frame"]:
		return fmt.Errorf("%w: --task and --frame: give one", errUsage)
	case set["task"] && *task < 0:
		return fmt.Errorf("%w: --task %d: task numbers start at 0", errUsage, *task)
	case set["frame"] && *frame < 0:
		return fmt.Errorf("%w: --frame %d: want a frame number >= 0", errUsage, *frame)
	}
	logs, err := cf.client().Logs(ctx, id, api.LogsQuery{Task: *task, Frame: *frame})
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, logs)
	}
	if len(logs) == 0 {
		fmt.Fprintf(stdout, "job %s: no task logs kept (yet)\n", id)
		return nil
	}
	for i, l := range logs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		printTaskLog(stdout, l)
	}
	return nil
}

// printTaskLog prints one lease's header line, then its log.
func printTaskLog(w io.Writer, l api.TaskLog) {
	kind := "tile"
	if l.Finish {
		kind = "finish"
	}
	build := l.Renderer
	if l.Build != "" {
		build += " " + l.Build
	}
	exit := l.Exit
	if l.Error != "" {
		exit += ": " + l.Error
	}
	fmt.Fprintf(w, "=== task %d  frame %d  %s %d,%d-%d,%d  node %s  %s  lease %d  %.2f s  exit %s\n",
		l.Task, l.Frame, kind, l.Rect[0], l.Rect[1], l.Rect[2], l.Rect[3], l.Node, build, l.Lease, l.Seconds, exit)
	if l.LogNote != "" {
		fmt.Fprintf(w, "(%s)\n", l.LogNote)
	}
	if l.Log != "" {
		io.WriteString(w, l.Log)
		if !strings.HasSuffix(l.Log, "\n") {
			fmt.Fprintln(w)
		}
	}
}
