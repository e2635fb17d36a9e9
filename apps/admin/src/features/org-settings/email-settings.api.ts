import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgEmailSettingsUpdate } from '@headersync/domain-model';
import { apiRequest } from '../../shared/api-client';
import type { VersionedOrgEmailSettings } from '../../shared/api-types';

export const EMAIL_SETTINGS_KEY = ['org', 'email-settings'] as const;

export function useEmailSettings() {
  return useQuery({
    queryKey: EMAIL_SETTINGS_KEY,
    queryFn: () =>
      apiRequest<VersionedOrgEmailSettings>('/v1/org/email-settings'),
  });
}

export function useSaveEmailSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (update: OrgEmailSettingsUpdate & { version: number }) =>
      apiRequest<VersionedOrgEmailSettings>('/v1/org/email-settings', {
        method: 'PATCH',
        json: update,
      }),
    onSuccess: (saved) => {
      client.setQueryData(EMAIL_SETTINGS_KEY, saved);
      void client.invalidateQueries({ queryKey: ['audit-events'] });
    },
  });
}
