import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';

/** Runs a request with a busy flag, a success message and the server's error text on failure. */
export function useSubmit() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (task: () => Promise<unknown>, success: string): Promise<boolean> => {
    setBusy(true);
    try {
      await task();
      void message.success(success);
      return true;
    } catch (error) {
      void message.error(describeError(error, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
