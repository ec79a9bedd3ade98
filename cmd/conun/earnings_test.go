package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
)

// TestEarningsCommand: conun earnings against a node that rendered a job
// on each of two days (its clock moved between them): the JSON and the
// table show both jobs, --since keeps the later day, and a --since that
// is not a day is refused with exit code 2 naming the fix, before any
// request.
func TestEarningsCommand(t *testing.T) {
	var now atomic.Int64
	day1 := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	now.Store(day1.UnixNano())
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		if i == 1 {
			c.Now = func() time.Time { return time.Unix(0, now.Load()) }
		}
	})
	// Only the second node works: the first coordinates and renders its
	// own tiles too, which are not earnings of anyone.
	client := api.NewClient(nodes[0].URL())
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var jobs []string
	for run, day := range []time.Time{day1, day1.AddDate(0, 0, 2)} {
		now.Store(day.UnixNano())
		id := farmtest.Submit(t, client, func(sp *api.JobSpec) { sp.Nonce = "earnings-cli " + day.Format(api.DayLayout) })
		if state, err := client.Events(ctx, id, nil); err != nil || state != api.JobDone {
			t.Fatalf("job %d: %s %v", run+1, state, err)
		}
		jobs = append(jobs, id)
	}
	url := nodes[1].URL()

	code, out, errOut := conun(t, "earnings", "--node", url, "--json")
	if code != 0 {
		t.Fatalf("conun earnings --json: exit %d: %s", code, errOut)
	}
	var all api.Earnings
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("conun earnings --json printed %q: %v", out, err)
	}
	if len(all.Jobs) != 2 || len(all.Days) != 2 || all.Jobs[0].Job != jobs[1] || all.Jobs[1].Job != jobs[0] ||
		all.Days[0].Day != "2026-12-02" || all.Days[1].Day != "2026-11-30" || all.Total.Tasks != all.Days[0].Tasks+all.Days[1].Tasks || all.Total.Tasks == 0 {
		t.Fatalf("earnings of two jobs on two days: %+v", all)
	}
	if all.Connected || !all.Total.Earned.IsZero() {
		t.Errorf("a node without a chain: connected %v, earned %v", all.Connected, all.Total.Earned)
	}

	code, out, errOut = conun(t, "earnings", "--node", url)
	if code != 0 {
		t.Fatalf("conun earnings: exit %d: %s", code, errOut)
	}
	t.Logf("conun earnings:\n%s", out)
	for _, want := range []string{"not connected", "JOB", "2026-11-30", "2026-12-02", "total", api.Prefix(jobs[0], 12), api.Prefix(jobs[1], 12)} {
		if !strings.Contains(out, want) {
			t.Errorf("conun earnings printed no %q:\n%s", want, out)
		}
	}

	code, out, errOut = conun(t, "earnings", "--node", url, "--since", "2026-12-01", "--json")
	var since api.Earnings
	if code != 0 || json.Unmarshal([]byte(out), &since) != nil {
		t.Fatalf("conun earnings --since: exit %d: %s %s", code, out, errOut)
	}
	if since.Since != "2026-12-01" || len(since.Jobs) != 1 || since.Jobs[0].Job != jobs[1] || len(since.Days) != 1 || since.Total.Tasks != all.Days[0].Tasks {
		t.Errorf("--since 2026-12-01: %+v, want the second job only", since)
	}

	for _, bad := range []string{"yesterday", "2026-13-01", "01/12/2026", "2026-12-01T00:00:00Z"} {
		code, _, errOut := conun(t, "earnings", "--node", url, "--since", bad)
		if code != 2 || !strings.Contains(errOut, "--since") || !strings.Contains(errOut, "YYYY-MM-DD") {
			t.Errorf("--since %s: exit %d, %q; want 2 and an error naming --since and YYYY-MM-DD", bad, code, errOut)
		}
	}
	// The API refuses the same with a 400 naming it.
	resp, err := http.Get(url + "/v1/earnings?since=yesterday")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "YYYY-MM-DD") {
		t.Errorf("GET /v1/earnings?since=yesterday: %s %s, want 400 naming the format", resp.Status, body)
	}
}
