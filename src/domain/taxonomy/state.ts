/** A city outside the province that province staff added to the taxonomy. */
export interface AddedCity {
  code: string;
  zh: string;
  province: string;
  addedAt: string;
}

export interface AddedCities {
  cities: AddedCity[];
}
