/** Text sizes and colours for one chart surface (the dashboard's cards or the big screen). */
export interface ChartLook {
  fontSize: number;
  textColor: string;
  axisColor: string;
  splitLineColor: string;
}

export const CARD_LOOK: ChartLook = {
  fontSize: 12,
  textColor: '#434343',
  axisColor: '#8c8c8c',
  splitLineColor: '#f0f0f0',
};

export const SCREEN_LOOK: ChartLook = {
  fontSize: 22,
  textColor: '#d6f1ff',
  axisColor: '#5fa8d3',
  splitLineColor: 'rgba(95, 168, 211, 0.2)',
};
