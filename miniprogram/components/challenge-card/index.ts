import type { ChallengeCard } from '../../logic/challenges';

/**
 * <challenge-card card="{{item}}" bind:open="…" />
 * One challenge in a list (logic/challenges.ts challengeCard): cover or initial, 官方, its phase and
 * timing, rule, dates, cost, reward, participants, and mine (status and progress bar) when I am in it.
 * A tap sends `open` ({ documentId }).
 */
Component({
  properties: {
    card: { type: Object, value: null as ChallengeCard | null },
  },
  methods: {
    onOpen() {
      const card = this.data.card as ChallengeCard | null;
      if (card) this.triggerEvent('open', { documentId: card.documentId });
    },
  },
});
