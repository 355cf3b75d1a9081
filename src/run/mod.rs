//! One run, prepared once: the model validated against the instance, the linkage network
//! built, the programme stated and its numbers checked ([`Prepared::prepare`]); then solved
//! ([`Prepared::solve`], or a [`Session`] of its own for the analyses that re-solve variants
//! of one programme), decoded and checked independently ([`Prepared::finish`]). Every
//! command goes through it, so that a solve is written once.
//!
//! - [`sensitivity`]: ranging and one-sided prices of an optimum;
//! - [`diagnose`]: the elastic relaxation of an infeasible model.

pub mod diagnose;
pub mod in_time;
mod locks;
pub mod sensitivity;

pub use locks::{LockResult, MAX_PRICED_LOCKS};

use crate::check::{check_replan, CheckReport};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::network::{project_areas, LinkageNetwork, NetworkSummary, ProjectArea};
use crate::plan::Lock;
use crate::policy::{active, PolicyModel};
use crate::programme::{build_replan, check_numbers, decode, LockPlace, Programme, ProgrammeSize};
use crate::solution::{Outcome, Solution};
use crate::solve::{Session, SolveOptions};
use std::sync::Arc;
use std::time::Instant;

/// A model stated on an instance, ready to solve: validated once, the linkage network built
/// once (when the model has the linkage), the programme built with its locks and its
/// numbers checked.
pub struct Prepared<'a> {
    pub instance: &'a Instance,
    pub model: &'a PolicyModel,
    /// The model's name in messages (its file, or a scenario's label).
    pub model_file: String,
    /// The linkage network, when the model has the linkage.
    pub network: Option<Arc<LinkageNetwork>>,
    pub programme: Programme,
    /// The locked decisions and where each lives in the programme.
    pub locks: &'a [Lock],
    /// In a re-plan, the past fixed by what happened ([`crate::plan::Past`]).
    pub past: Option<&'a crate::plan::Past>,
    places: Vec<Option<LockPlace>>,
    /// Seconds spent building the linkage network.
    pub network_seconds: f64,
    /// Seconds spent building the network and the programme.
    pub build_seconds: f64,
}

/// An allocation decoded from a solve and passed by the independent check (locks
/// included).
#[derive(Debug, Clone)]
pub struct Checked {
    pub solution: Solution,
    pub check: CheckReport,
}

impl<'a> Prepared<'a> {
    /// Validate `model` against `instance` (`model_file` names it in messages), build the
    /// network and the programme, and check its numbers.
    pub fn prepare(
        instance: &'a Instance,
        model: &'a PolicyModel,
        model_file: &str,
    ) -> Result<Prepared<'a>> {
        Prepared::prepare_locked(instance, model, model_file, &[])
    }

    /// [`Prepared::prepare`] with decisions locked in or out ([`crate::plan::Lock`]).
    pub fn prepare_locked(
        instance: &'a Instance,
        model: &'a PolicyModel,
        model_file: &str,
        locks: &'a [Lock],
    ) -> Result<Prepared<'a>> {
        Prepared::prepare_replan(instance, model, model_file, locks, None)
    }

    /// [`Prepared::prepare_locked`] re-planning from `past`: the years before its `from`
    /// fixed by what happened ([`crate::plan::Past`]).
    pub fn prepare_replan(
        instance: &'a Instance,
        model: &'a PolicyModel,
        model_file: &str,
        locks: &'a [Lock],
        past: Option<&'a crate::plan::Past>,
    ) -> Result<Prepared<'a>> {
        model.validate(model_file, Some(instance))?;
        let t0 = Instant::now();
        let network = active(&model.rules.linkage_balance)
            .map(|r| Arc::new(LinkageNetwork::build(instance, r)));
        let network_seconds = t0.elapsed().as_secs_f64();
        let mut p = Prepared::build(instance, model, model_file, network, locks, past)?;
        p.network_seconds = network_seconds;
        p.build_seconds = t0.elapsed().as_secs_f64();
        check_numbers(instance, &p.programme)?;
        Ok(p)
    }

    /// The programme of a model derived from a validated one (the elastic relaxation keeps
    /// every setting but the rules' softness), on a network already built.
    fn build<'b>(
        instance: &'b Instance,
        model: &'b PolicyModel,
        model_file: &str,
        network: Option<Arc<LinkageNetwork>>,
        locks: &'b [Lock],
        past: Option<&'b crate::plan::Past>,
    ) -> Result<Prepared<'b>> {
        let (programme, places) = build_replan(instance, model, network.as_deref(), locks, past)?;
        Ok(Prepared {
            instance,
            model,
            model_file: model_file.to_string(),
            network,
            programme,
            locks,
            past,
            places,
            network_seconds: 0.0,
            build_seconds: 0.0,
        })
    }

    /// A solver session holding the programme, for the analyses that re-solve it.
    pub fn session(&self, options: &SolveOptions) -> Result<Session> {
        Session::open(&self.programme, options)
    }

    /// A solver's outcome mapped back to the instance.
    pub fn decode(&self, outcome: Outcome) -> Solution {
        decode(self.instance, &self.programme, outcome, self.build_seconds)
    }

    /// The independent check of `solution`'s allocation (the model's rules, its objective
    /// against the solver's, and the locks), whatever its verdict.
    pub fn check(&self, solution: &Solution) -> CheckReport {
        check_replan(
            self.instance,
            self.model,
            &solution.allocation,
            solution.objective,
            self.locks,
            self.past,
        )
    }

    /// Decode `outcome` and check it: an allocation that fails the check is an error
    /// ([`Error::CheckFailed`]); `None` when the solve ended without one.
    pub fn finish(&self, outcome: Outcome) -> Result<Option<Checked>> {
        let solution = self.decode(outcome);
        Ok(self
            .verified(&solution)?
            .map(|check| Checked { solution, check }))
    }

    /// The check of a solution that has an allocation (`None` without one); a failed check
    /// is an error.
    fn verified(&self, solution: &Solution) -> Result<Option<CheckReport>> {
        if !solution.status.has_solution() {
            return Ok(None);
        }
        let check = self.check(solution);
        if !check.passed() {
            return Err(Error::CheckFailed(crate::check::joined(
                &check.failures,
                "; ",
            )));
        }
        Ok(Some(check))
    }

    /// Solve and check, with the sensitivity of the optimum when asked; for an infeasible
    /// model, the rules that must give ([`diagnose`]).
    pub fn solve(&self, options: &SolveOptions) -> Result<Run> {
        options.validate()?;
        options.refuse_for(&self.programme)?;
        let locked = locks::locked_columns(&self.places);
        let sensitivity::Solved {
            solution,
            sensitivity_seconds,
            aggregation,
            scaling,
            choice,
        } = sensitivity::solve(self, options, &locked)?;
        let conflicts = if solution.status.is_infeasible() {
            Some(diagnose::elastic(self, options)?.1)
        } else {
            None
        };
        let t1 = Instant::now();
        let check = self.verified(&solution)?;
        let check_seconds = t1.elapsed().as_secs_f64();
        let project_areas = match (active(&self.model.rules.linkage_balance), check.is_some()) {
            (Some(r), true) => project_areas(
                self.instance,
                &solution.allocation,
                r,
                self.model.phased_years(),
                1e-7,
            ),
            _ => Vec::new(),
        };
        let replan = self.past.map(|p| Replan {
            from: p.from,
            prices: p
                .fixed
                .iter()
                .chain(&p.rebased)
                .map(|a| {
                    let name = crate::programme::RowName::Actual {
                        year: a.year,
                        scope: a.scope,
                        account: a.account,
                    };
                    let i = self.programme.rows().iter().position(|r| *r == name)?;
                    solution.rows.get(i).and_then(|r| r.shadow_price)
                })
                .collect(),
            unused: p
                .unused
                .iter()
                .map(|(a, why)| format!("{}: {why}", a.label(self.instance)))
                .collect(),
        });
        Ok(Run {
            choice,
            aggregation,
            replan,
            size: self.programme.size(),
            numerics: self.programme.numerics(),
            scaling,
            locks: locks::results(self.instance, &solution, &self.places, self.locks),
            sensitivity_seconds,
            network: self.network.as_ref().map(|n| n.summary()),
            project_areas,
            network_seconds: self.network_seconds,
            check_seconds,
            solution,
            check,
            conflicts,
        })
    }
}

/// A solved and checked run.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub size: ProgrammeSize,
    /// The programme's coefficient ranges.
    pub numerics: crate::programme::Numerics,
    /// The powers of two the solver scaled costs and bounds by ([`SolveOptions::scaling`]).
    pub scaling: crate::solve::Exponents,
    pub solution: Solution,
    /// The independent check, when the solve produced an allocation.
    pub check: Option<CheckReport>,
    /// For an infeasible model: the rules that must give, and by how much (elastic
    /// relaxation, see [`diagnose`]).
    pub conflicts: Option<Vec<diagnose::Conflict>>,
    /// Seconds spent in the independent check.
    pub check_seconds: f64,
    /// The linkage network's size, when the model has the linkage.
    pub network: Option<NetworkSummary>,
    /// The linkage flows decomposed into project areas (largest first).
    pub project_areas: Vec<ProjectArea>,
    /// Seconds spent building the linkage network (part of building).
    pub network_seconds: f64,
    /// The locked decisions: value in the allocation and price.
    pub locks: Vec<LockResult>,
    /// Seconds spent on ranging and one-sided prices (and, after a MIP, the LP with the
    /// binaries fixed).
    pub sensitivity_seconds: f64,
    /// In a re-plan, the past it starts from.
    pub replan: Option<Replan>,
    /// The interchangeable units and sites merged for the solve, when any were
    /// ([`crate::programme::aggregate`]).
    pub aggregation: Option<crate::programme::AggregationSummary>,
    /// Why `--method auto` sifted the programme, when it did
    /// ([`crate::solve::sifting::auto_choice`]).
    pub choice: Option<String>,
}

/// A re-plan's past as solved: the year re-planned from, the price of each observation
/// applied (in the order of the check's [`CheckReport::past`] lines: million yuan per km²
/// more observed), and the observations not applied, with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Replan {
    pub from: u16,
    pub prices: Vec<Option<f64>>,
    pub unused: Vec<String>,
}

/// Solve `instance` under `model` and check the answer: [`Prepared::prepare`] then
/// [`Prepared::solve`]. `model_file` names the model in error messages. A check failure is
/// an error ([`Error::CheckFailed`]); an infeasible or unsolved programme is an outcome (a
/// [`Run`] without a check).
pub fn run(
    instance: &Instance,
    model: &PolicyModel,
    model_file: &str,
    options: &SolveOptions,
) -> Result<Run> {
    run_locked(instance, model, model_file, options, &[])
}

/// [`run`] with decisions locked in or out ([`crate::plan::Lock`]): the best plan that
/// keeps them. The check also verifies every lock, and each lock is reported with its value
/// and price.
pub fn run_locked(
    instance: &Instance,
    model: &PolicyModel,
    model_file: &str,
    options: &SolveOptions,
    locks: &[Lock],
) -> Result<Run> {
    options.validate()?; // before the build, which may be long
    Prepared::prepare_locked(instance, model, model_file, locks)?.solve(options)
}
