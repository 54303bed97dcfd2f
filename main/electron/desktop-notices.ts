/** Shows the desktop notifications the pure policy asks for; clicking one opens the app. */
import { Notification } from 'electron';
import type { SyncStatus } from '../../preload/contract';
import { noticeFor } from '../core/app/notification-policy';

export function createNotifier(onClick: () => void): (status: SyncStatus) => void {
  let previous: SyncStatus | null = null;
  return (status) => {
    const notice = noticeFor(previous, status);
    previous = status;
    if (!notice || !Notification.isSupported()) return;
    const n = new Notification({ title: notice.title, body: notice.body, silent: false });
    n.on('click', onClick);
    n.show();
  };
}
