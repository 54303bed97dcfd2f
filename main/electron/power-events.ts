/** Resume from sleep and screen unlock mean time passed unseen: ask the core for a catch-up. */
import { powerMonitor } from 'electron';

export function onWake(catchUp: (reason: 'resume' | 'unlock-screen') => void): () => void {
  const resume = () => catchUp('resume');
  const unlock = () => catchUp('unlock-screen');
  powerMonitor.on('resume', resume);
  powerMonitor.on('unlock-screen', unlock);
  return () => {
    powerMonitor.off('resume', resume);
    powerMonitor.off('unlock-screen', unlock);
  };
}
