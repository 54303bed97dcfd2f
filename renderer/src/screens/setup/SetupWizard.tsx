import { useEffect } from 'react';
import type { SetupStepId } from '../../../../preload/contract';
import { SETUP_STEPS } from '../../../../preload/contract';
import { invoke, useRequest } from '../../bridge/hooks';
import { Notice } from '../../components/Notice';
import type { RouteId } from '../../app/router';
import { StepEnvironment } from './StepEnvironment';
import { StepConnect } from './StepConnect';
import { StepFormats } from './StepFormats';
import { StepMode } from './StepMode';
import { StepClasses } from './StepClasses';
import { StepMapping } from './StepMapping';
import { StepTestExport } from './StepTestExport';
import { StepDone } from './StepDone';

function isStep(value: string | null): value is SetupStepId {
  return value !== null && (SETUP_STEPS as readonly string[]).includes(value);
}

/**
 * The setup meeting's path. The core computes every step's state from real data; the wizard opens
 * where the person left off, and lets them go back to any step.
 */
export function SetupWizard({ step, go }: { step: string | null; go: (route: RouteId, param?: string) => void }) {
  const setup = useRequest('setup:get', {}, ['setup', 'connection', 'stores', 'mapping', 'mode', 'jobs']);
  const current: SetupStepId | null = isStep(step) ? step : (setup.data?.resumeAt ?? null);

  // Remember where the person is, so the wizard resumes here after a restart.
  useEffect(() => {
    if (current && isStep(step)) void invoke('setup:visit', { step: current }).catch(() => {});
  }, [current, step]);

  if (!setup.data || !current) {
    return (
      <section className="screen" aria-labelledby="setup-title">
        <h1 id="setup-title" tabIndex={-1}>
          Setup
        </h1>
        {setup.error ? <Notice kind="error">{setup.error}</Notice> : <p className="muted">Loading…</p>}
      </section>
    );
  }
  const steps = setup.data.steps;
  const index = steps.findIndex((s) => s.id === current);
  const here = steps[index]!;
  const next = steps[index + 1];
  const prev = steps[index - 1];
  const goStep = (id: SetupStepId) => go('setup', id);
  const nav = {
    onBack: prev ? () => goStep(prev.id) : undefined,
    onNext: next ? () => goStep(next.id) : undefined,
    canContinue: here.state === 'done',
    reload: setup.reload,
    step: here,
  };

  return (
    <section className="screen setup" aria-labelledby="setup-title">
      <div className="screen-head">
        <h1 id="setup-title" tabIndex={-1}>
          Setup <span className="muted heading-sub">· {here.title}</span>
        </h1>
        {setup.data.complete ? <span className="pill pill-ok">Setup complete</span> : null}
      </div>
      <div className="wizard">
        <nav aria-label="Setup steps" className="stepper">
          <ol>
            {steps.map((s, i) => (
              <li key={s.id} className={`step-${s.state}${s.id === current ? ' current' : ''}`}>
                <a href={`#/setup/${s.id}`} aria-current={s.id === current ? 'step' : undefined}>
                  <span className="step-num" aria-hidden="true">
                    {s.state === 'done' ? '✓' : i + 1}
                  </span>
                  <span className="step-text">
                    <span className="step-title">{s.title}</span>
                    <span className="visually-hidden">{s.state === 'done' ? ' (done)' : s.state === 'blocked' ? ' (needs an earlier step)' : ' (to do)'}</span>
                    <span className="step-summary">{s.summary}</span>
                  </span>
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="wizard-body">
          {here.state === 'blocked' ? (
            <Notice kind="info">An earlier step needs to be finished first: {steps.find((s) => s.state !== 'done')?.title}.</Notice>
          ) : null}
          {here.problems.length > 0 ? (
            <Notice kind="warning">
              <ul className="plain-list">
                {here.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
          <StepBody id={current} nav={nav} go={go} />
        </div>
      </div>
    </section>
  );
}

export interface StepNav {
  onBack?: () => void;
  onNext?: () => void;
  canContinue: boolean;
  reload: () => Promise<void>;
  step: { id: SetupStepId; title: string; summary: string };
}

function StepBody({ id, nav, go }: { id: SetupStepId; nav: StepNav; go: (route: RouteId, param?: string) => void }) {
  switch (id) {
    case 'environment':
      return <StepEnvironment nav={nav} />;
    case 'connect':
      return <StepConnect nav={nav} />;
    case 'formats':
      return <StepFormats nav={nav} />;
    case 'mode':
      return <StepMode nav={nav} />;
    case 'classes':
      return <StepClasses nav={nav} />;
    case 'mapping':
      return <StepMapping nav={nav} />;
    case 'test-export':
      return <StepTestExport nav={nav} />;
    case 'done':
      return <StepDone nav={nav} go={go} />;
  }
}

/** Back / Continue at the foot of every step; Continue waits for the core to say the step is done. */
export function StepFooter({ nav, nextLabel, hint }: { nav: StepNav; nextLabel?: string; hint?: string }) {
  return (
    <div className="step-footer">
      {nav.onBack ? (
        <button type="button" onClick={nav.onBack}>
          Back
        </button>
      ) : (
        <span />
      )}
      <div className="step-footer-right">
        {!nav.canContinue && hint ? <span className="muted small">{hint}</span> : null}
        {nav.onNext ? (
          <button type="button" className="primary" disabled={!nav.canContinue} onClick={nav.onNext}>
            {nextLabel ?? 'Continue'}
          </button>
        ) : null}
      </div>
    </div>
  );
}
