package farm

// Jobs across the cluster: any node answers for any job. Each coordinator
// answers for its own jobs (GET /rpc/v1/jobs, signed by a member, answered
// with summaries only: api.JobSummary); the node a client asks
// (GET /v1/cluster/jobs) asks every other member at once, each within
// clusterAskTimeout, and merges. A member that does not answer is listed
// as not answering, with why, and the listing goes on without its jobs.
//
// Who may ask: the client route is for admin tokens only. Client tokens
// are per node ("studio" on one node is no one on another), so a remote
// coordinator cannot check a client's identity minted elsewhere, and a
// forwarded name would let any member claim to be any client. A client
// token sees its own jobs with `conun jobs` on the node that holds them.
// The RPC answers members only (as blobs do: peerblobs.go), and only with
// what a worker leased a tile of a job already learns, or less.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/ethereum/go-ethereum/common"
)

// rpcJobs is the route a coordinator lists its jobs' summaries on.
const rpcJobs = "/rpc/v1/jobs"

// clusterAskTimeout bounds one member's answer to a listing: a member
// that has not answered by then is listed as not answering, so one slow
// or frozen member never holds up the listing.
const clusterAskTimeout = 5 * time.Second

// clusterAskers bounds how many members are asked at once.
const clusterAskers = 16

// maxSummaryBytes bounds a member's answer: a page of summaries (at most
// api.JobsPage of them, each well under 512 bytes).
const maxSummaryBytes = api.JobsPage * 512

// errGone is a member's answer when gossip says it left or died.
var errGone = errors.New("gone from the cluster's gossip (left, or declared dead)")

// handleJobSummaries is GET /rpc/v1/jobs: this coordinator's jobs as
// summaries, for members' signed requests only.
func (n *Node) handleJobSummaries(rw http.ResponseWriter, r *http.Request) {
	if _, ok := n.memberRequest(rw, r, "job summaries are for members of the cluster"); !ok {
		return
	}
	sums, err := n.ownSummaries()
	if err != nil {
		httpError(rw, http.StatusInternalServerError, err)
		return
	}
	writeJSON(rw, sums)
}

// ownSummaries are the summaries of this coordinator's jobs (the first
// api.JobsPage of them, oldest first).
func (n *Node) ownSummaries() ([]api.JobSummary, error) {
	jobs, err := n.coord.list(0, api.JobsPage, nil)
	if err != nil {
		return nil, err
	}
	out := make([]api.JobSummary, 0, len(jobs))
	for _, st := range jobs {
		out = append(out, api.Summarize(st))
	}
	return out, nil
}

// getClusterJobs is GET /v1/cluster/jobs (admin tokens only: see the top
// of this file).
func (n *Node) getClusterJobs(rw http.ResponseWriter, r *http.Request) {
	writeJSON(rw, n.clusterJobs(r.Context()))
}

// clusterJobs lists this node's jobs and asks every other member for its
// own, merged and sorted by coordinator, then by when each was created.
func (n *Node) clusterJobs(ctx context.Context) api.ClusterJobs {
	me := n.cfg.Identity.Address()
	var others []api.Member
	self := api.CoordinatorAnswer{Name: n.cfg.Name, Addr: me.Hex()}
	for _, m := range n.cluster.Members() {
		if common.IsHexAddress(m.Addr) && common.HexToAddress(m.Addr) == me {
			self.Name = m.ID
			continue
		}
		others = append(others, m)
	}
	out := api.ClusterJobs{Jobs: []api.ClusterJob{}}
	sums, err := n.ownSummaries()
	out.Coordinators = append(out.Coordinators, n.merge(&out, self, sums, err))

	answers := make([]api.CoordinatorAnswer, len(others))
	found := make([][]api.JobSummary, len(others))
	errs := make([]error, len(others))
	var wg sync.WaitGroup
	sem := make(chan struct{}, clusterAskers)
	for i, m := range others {
		answers[i] = api.CoordinatorAnswer{Name: m.ID, Addr: m.Addr}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			found[i], errs[i] = n.askSummaries(ctx, m)
		}()
	}
	wg.Wait()
	for i := range others {
		out.Coordinators = append(out.Coordinators, n.merge(&out, answers[i], found[i], errs[i]))
	}
	for _, m := range n.cluster.Gone() {
		if common.IsHexAddress(m.Addr) && common.HexToAddress(m.Addr) == me {
			continue
		}
		out.Coordinators = append(out.Coordinators, api.CoordinatorAnswer{Name: m.ID, Addr: m.Addr, Error: errGone.Error()})
	}
	sort.SliceStable(out.Jobs, func(i, j int) bool {
		a, b := out.Jobs[i], out.Jobs[j]
		if a.Coordinator != b.Coordinator {
			return a.Coordinator < b.Coordinator
		}
		return a.Created.Before(b.Created)
	})
	sort.SliceStable(out.Coordinators, func(i, j int) bool { return out.Coordinators[i].Name < out.Coordinators[j].Name })
	return out
}

// merge adds one coordinator's summaries to out under its name and
// returns its answer.
func (n *Node) merge(out *api.ClusterJobs, who api.CoordinatorAnswer, sums []api.JobSummary, err error) api.CoordinatorAnswer {
	if err != nil {
		who.Error = err.Error()
		return who
	}
	for _, s := range sums {
		out.Jobs = append(out.Jobs, api.ClusterJob{JobSummary: s, Coordinator: who.Name, CoordinatorAddr: who.Addr})
	}
	who.Jobs = len(sums)
	return who
}

// askSummaries asks member m for its jobs' summaries, signed (the node's
// peer client signs GETs to members), within clusterAskTimeout. An answer
// with one summary that does not check is refused whole: a member that
// sends nonsense is not answering honestly.
func (n *Node) askSummaries(ctx context.Context, m api.Member) ([]api.JobSummary, error) {
	ctx, cancel := context.WithTimeout(ctx, clusterAskTimeout)
	defer cancel()
	target, err := rpcaddr.Join(m.API, rpcJobs)
	if err != nil {
		return nil, fmt.Errorf("its RPC address: %w", err)
	}
	return fetchSummaries(ctx, n.work.hc, target)
}

// fetchSummaries GETs the summaries at target with hc and checks them.
func fetchSummaries(ctx context.Context, hc *http.Client, target string) ([]api.JobSummary, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("no answer within %v", clusterAskTimeout)
		}
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		// Quoted: the member's words end up in a terminal.
		return nil, fmt.Errorf("answered %d: %q", resp.StatusCode, api.Prefix(api.ReadError(resp.Body), 200))
	}
	var sums []api.JobSummary
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxSummaryBytes)).Decode(&sums); err != nil {
		return nil, fmt.Errorf("its answer: %w", err)
	}
	if len(sums) > api.JobsPage {
		return nil, fmt.Errorf("its answer lists %d jobs: at most %d", len(sums), api.JobsPage)
	}
	for _, s := range sums {
		if err := s.Check(); err != nil {
			return nil, fmt.Errorf("its answer: %w", err)
		}
	}
	return sums, nil
}
