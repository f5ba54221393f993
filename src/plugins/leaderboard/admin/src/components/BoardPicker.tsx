import {
  Combobox,
  ComboboxOption,
  Field,
  Grid,
  SingleSelect,
  SingleSelectOption,
  TextInput,
} from '@strapi/design-system';
import {
  type BoardChoice,
  type Overview,
  METRIC_LABELS,
  PERIOD_LABELS,
  SCOPE_LABELS,
  knownRegions,
  labelOf,
  regionInputFor,
} from '../board';

type Props = { overview: Overview; choice: BoardChoice; onChange: (choice: BoardChoice) => void };

type ChoiceSelectProps = {
  name: keyof BoardChoice;
  label: string;
  options: string[];
  labels: Record<string, string>;
  value: string;
  onChange: (value: string) => void;
};

const ChoiceSelect = ({ name, label, options, labels, value, onChange }: ChoiceSelectProps) => (
  <Field.Root name={name} id={`leaderboard-${name}`}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect value={value} onChange={(next) => onChange(String(next))}>
      {options.map((option) => (
        <SingleSelectOption key={option} value={option}>
          {labelOf(labels, option)}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  </Field.Root>
);

/** Metric, scope, region and period of the board to show. A new scope clears the region. */
export const BoardPicker = ({ overview, choice, onChange }: Props) => {
  const regionInput = regionInputFor(choice.scope);
  const regions = knownRegions(overview, choice.scope);
  const set = (patch: Partial<BoardChoice>) => onChange({ ...choice, ...patch });

  return (
    <Grid.Root gap={4}>
      <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
        <ChoiceSelect
          name="metric"
          label="Metric (指标)"
          options={overview.metrics}
          labels={METRIC_LABELS}
          value={choice.metric}
          onChange={(metric) => set({ metric })}
        />
      </Grid.Item>
      <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
        <ChoiceSelect
          name="scope"
          label="Scope (范围)"
          options={overview.scopes}
          labels={SCOPE_LABELS}
          value={choice.scope}
          onChange={(scope) => set({ scope, region: '' })}
        />
      </Grid.Item>
      <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
        {regionInput === 'none' && (
          <Field.Root name="region" id="leaderboard-region">
            <Field.Label>Region (地区)</Field.Label>
            <TextInput value="" placeholder="Not needed (全国榜无需地区)" disabled />
          </Field.Root>
        )}
        {regionInput === 'known' && (
          <Field.Root
            name="region"
            id="leaderboard-region"
            hint={regions.length === 0 ? 'No regions on any board yet (暂无地区)' : undefined}
          >
            <Field.Label>Region (地区)</Field.Label>
            <Combobox
              key={choice.scope}
              value={choice.region || undefined}
              onChange={(region) => set({ region: region ?? '' })}
              onClear={() => set({ region: '' })}
              placeholder={`Pick a ${choice.scope} (请选择)`}
              noOptionsMessage={() => 'No such region (无匹配地区)'}
            >
              {regions.map((region) => (
                <ComboboxOption key={region} value={region}>
                  {region}
                </ComboboxOption>
              ))}
            </Combobox>
            <Field.Hint />
          </Field.Root>
        )}
        {regionInput === 'typed' && (
          <Field.Root name="region" id="leaderboard-region" hint="The challenge's id (挑战 ID)">
            <Field.Label>Challenge (挑战)</Field.Label>
            <TextInput
              value={choice.region}
              placeholder="e.g. 42"
              onChange={(event) => set({ region: event.target.value })}
            />
            <Field.Hint />
          </Field.Root>
        )}
      </Grid.Item>
      <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
        <ChoiceSelect
          name="period"
          label="Period (周期)"
          options={overview.periods}
          labels={PERIOD_LABELS}
          value={choice.period}
          onChange={(period) => set({ period })}
        />
      </Grid.Item>
    </Grid.Root>
  );
};
