package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestJobsCluster: three `conun node` processes, a job submitted to each
// of the first two; `conun jobs --cluster` on the third lists both with
// their coordinators. With the second killed, it is listed as not
// answering and the first's job is still listed.
func TestJobsCluster(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	nodes := startCluster(t, 3)
	ids := make([]string, 2)
	for i := range ids {
		// Different seeds: the same spec is the same job id on both.
		args := []string{"submit", "--node", nodes[i].url, "anim", "--frames", "1-2", "--tiles", "2x2", "--res", "32x24", "--samples", "2", "--seed", []string{"11", "12"}[i]}
		code, stdout, stderr := conun(t, args...)
		if code != 0 {
			t.Fatalf("submit to %s: exit %d: %s", nodes[i].name, code, stderr)
		}
		ids[i] = strings.TrimSpace(stdout)
	}

	list := func() api.ClusterJobs {
		t.Helper()
		code, stdout, stderr := conun(t, "jobs", "--cluster", "--json", "--node", nodes[2].url)
		if code != 0 {
			t.Fatalf("jobs --cluster: exit %d: %s", code, stderr)
		}
		var all api.ClusterJobs
		if err := json.Unmarshal([]byte(stdout), &all); err != nil {
			t.Fatalf("jobs --cluster --json: %q: %v", stdout, err)
		}
		return all
	}
	coordinatorOf := func(all api.ClusterJobs, id string) string {
		for _, j := range all.Jobs {
			if j.ID == id {
				return j.Coordinator
			}
		}
		return ""
	}
	answerOf := func(all api.ClusterJobs, name string) (api.CoordinatorAnswer, bool) {
		for _, c := range all.Coordinators {
			if c.Name == name {
				return c, true
			}
		}
		return api.CoordinatorAnswer{}, false
	}

	all := list()
	for i, id := range ids {
		if got := coordinatorOf(all, id); got != nodes[i].name {
			t.Fatalf("job %s submitted to %s: listed with coordinator %q: %+v", id, nodes[i].name, got, all)
		}
	}
	if len(all.Jobs) != 2 || len(all.Coordinators) != 3 {
		t.Fatalf("want 2 jobs from 3 coordinators, got %+v", all)
	}
	for _, c := range all.Coordinators {
		if c.Error != "" {
			t.Fatalf("coordinator %s not answering with all three up: %s", c.Name, c.Error)
		}
	}
	code, table, _ := conun(t, "jobs", "--cluster", "--node", nodes[2].url)
	if code != 0 || !strings.HasPrefix(table, "COORDINATOR") || !strings.Contains(table, nodes[0].name) || !strings.Contains(table, ids[1]) {
		t.Fatalf("jobs --cluster table (exit %d):\n%s", code, table)
	}

	// A job submitted elsewhere: status says which coordinator has it.
	code, _, stderr := conun(t, "status", "--node", nodes[2].url, ids[0])
	if code == 0 || !strings.Contains(stderr, "coordinator "+nodes[0].name+" ") {
		t.Fatalf("status of %s's job on %s: exit %d: %s", nodes[0].name, nodes[2].name, code, stderr)
	}

	nodes[1].kill9(t)
	// Right after the kill the member is still in gossip (its call is
	// refused), soon after it is declared dead (remembered as gone): both
	// are "not answering", and every listing on the way must say so.
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		all = list()
		c, ok := answerOf(all, nodes[1].name)
		if !ok || c.Error == "" {
			t.Fatalf("killed %s: listed as answering (or not at all): %+v", nodes[1].name, all)
		}
		if got := coordinatorOf(all, ids[0]); got != nodes[0].name {
			t.Fatalf("with %s killed, job %s of %s is missing: %+v", nodes[1].name, ids[0], nodes[0].name, all)
		}
		if coordinatorOf(all, ids[1]) != "" {
			t.Fatalf("the killed coordinator's job is listed: %+v", all)
		}
		if strings.Contains(c.Error, "gone from") {
			break // the gossip declared it dead: both ways were listed
		}
		time.Sleep(200 * time.Millisecond)
	}
	code, table, _ = conun(t, "jobs", "--cluster", "--node", nodes[2].url)
	if code != 0 || !strings.Contains(table, nodes[1].name) || !strings.Contains(table, "not answering") || !strings.Contains(table, ids[0]) {
		t.Fatalf("jobs --cluster table with a member killed (exit %d):\n%s", code, table)
	}
}
