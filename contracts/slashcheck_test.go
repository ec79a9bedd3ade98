package contracts

import (
	"errors"
	"image"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// check returns n's signed render of two crops of task in job id.
func (e *env) check(n *Client, id common.Hash, task uint64) SignedCheck {
	e.t.Helper()
	c, err := n.SignCheck(id, task, []image.Rectangle{image.Rect(0, 0, 8, 8), image.Rect(16, 8, 24, 16)}, crypto.Keccak256Hash([]byte("crops")))
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// TestSlashCheckNeedsSignedCheck: a checker is slashed only with its own
// signature over a spot check of this job, never with another kind of
// signature (its result of a tile, which slash takes), and the requester
// gains nothing; the slash is read back as a check, with its crops and
// render, for the arbiters of a dispute, and counts as the node's one
// conviction in the job.
func TestSlashCheckNeedsSignedCheck(t *testing.T) {
	tests := []struct {
		name  string
		check func(e *env, victim *Client, id, other common.Hash) SignedCheck
		want  error
	}{
		{"no signature", func(e *env, _ *Client, id, _ common.Hash) SignedCheck {
			return SignedCheck{JobID: id, Task: 3}
		}, ErrBadCheckSignature},
		{"another node's check", func(e *env, _ *Client, id, _ common.Hash) SignedCheck {
			return e.check(e.nodes[1], id, 3)
		}, ErrBadCheckSignature},
		{"the node's check of another job", func(e *env, victim *Client, id, other common.Hash) SignedCheck {
			c := e.check(victim, other, 3)
			c.JobID = id
			return c
		}, ErrBadCheckSignature},
		{"the node's check with another task", func(e *env, victim *Client, id, _ common.Hash) SignedCheck {
			c := e.check(victim, id, 3)
			c.Task = 4
			return c
		}, ErrBadCheckSignature},
		{"the node's check with other crops", func(e *env, victim *Client, id, _ common.Hash) SignedCheck {
			c := e.check(victim, id, 3)
			c.Crops = c.Crops[:1]
			return c
		}, ErrBadCheckSignature},
		{"the node's check with another render", func(e *env, victim *Client, id, _ common.Hash) SignedCheck {
			c := e.check(victim, id, 3)
			c.RenderHash[0] ^= 1
			return c
		}, ErrBadCheckSignature},
		{"the node's result of a tile, passed as a check", func(e *env, victim *Client, id, _ common.Hash) SignedCheck {
			r := e.result(victim, id, 3)
			return SignedCheck{JobID: id, Task: 3, RenderHash: r.ResultHash, Signature: r.Signature}
		}, ErrBadCheckSignature},
		{"the node's own check of this job", func(e *env, victim *Client, id, _ common.Hash) SignedCheck {
			return e.check(victim, id, 3)
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var c SignedCheck
			e, victim, id := slashAttempt(t, func(e *env, victim *Client, id, other common.Hash) error {
				c = tc.check(e, victim, id, other)
				_, err := e.req.SlashCheck(e.ctx, victim.Address(), tokens(40), c, common.Hash{1})
				return err
			}, tc.want)
			if tc.want != nil {
				return
			}
			task, crops, render, err := e.nodes[2].SlashedCheck(e.ctx, id, victim.Address())
			if err != nil || task != 3 || crops != CropsHash(c.Crops) || render != c.RenderHash {
				t.Errorf("slashed check %d %s %s (%v), want task 3, crops %s, render %s", task, crops, render, err, CropsHash(c.Crops), c.RenderHash)
			}
			if _, _, err := e.nodes[2].SlashedResult(e.ctx, id, victim.Address()); !errors.Is(err, ErrNotDisputable) {
				t.Errorf("slashed result of a checker: %v, want ErrNotDisputable", err)
			}
			if _, err := e.req.SlashResult(e.ctx, victim.Address(), tokens(1), e.result(victim, id, 5), common.Hash{2}); !errors.Is(err, ErrAlreadyConvicted) {
				t.Errorf("a second slash in the job: %v, want ErrAlreadyConvicted", err)
			}
		})
	}
}

// TestSlashCheckRequesterOnly: only the job's requester slashes a
// checker, before it settles, and a check's signature slashes nothing
// through slash.
func TestSlashCheckRequesterOnly(t *testing.T) {
	e := newEnv(t)
	victim := e.nodes[0]
	e.must(victim.Stake(e.ctx, tokens(40)))
	id := e.openJob("job")
	c := e.check(victim, id, 3)
	if _, err := e.nodes[1].SlashCheck(e.ctx, victim.Address(), tokens(40), c, common.Hash{1}); !errors.Is(err, ErrNotRequester) {
		t.Errorf("slash by another node: %v, want ErrNotRequester", err)
	}
	asResult := SignedResult{JobID: id, Task: 3, ResultHash: c.RenderHash, Signature: c.Signature}
	if _, err := e.req.SlashResult(e.ctx, victim.Address(), tokens(40), asResult, common.Hash{1}); !errors.Is(err, ErrBadResultSignature) {
		t.Errorf("slash with a check passed as a result: %v, want ErrBadResultSignature", err)
	}
	e.must(e.req.Settle(e.ctx, id, nil))
	if _, err := e.req.SlashCheck(e.ctx, victim.Address(), tokens(40), c, common.Hash{1}); !errors.Is(err, ErrAlreadySettled) {
		t.Errorf("slash after settle: %v, want ErrAlreadySettled", err)
	}
	late := e.openJob("late")
	e.advance(3 * time.Hour)
	if _, err := e.req.SlashCheck(e.ctx, victim.Address(), tokens(40), e.check(victim, late, 1), common.Hash{1}); !errors.Is(err, ErrDeadlinePassed) {
		t.Errorf("slash after the deadline: %v, want ErrDeadlinePassed", err)
	}
	if st, err := e.req.StakeOf(e.ctx, victim.Address()); err != nil || st.Active.Cmp(tokens(40)) != 0 {
		t.Errorf("stake %v (%v), want all 40 left", st.Active, err)
	}
}
