/** What the practice rental store rents and sells, and who its customers are. Prices in cents. */
import type { Cents } from '../../money';

export interface RentalItem {
  description: string;
  dailyRate: Cents;
  /** Heavy equipment goes out on a truck: delivery and pickup lines. */
  delivered: boolean;
  /** Burns fuel: sometimes a refuel charge. */
  fuel: boolean;
}

export interface SaleItem {
  description: string;
  price: Cents;
  cost: Cents;
}

export const RENTAL_ITEMS: readonly RentalItem[] = [
  { description: 'Mini excavator 3.5 ton', dailyRate: 32500, delivered: true, fuel: true },
  { description: 'Skid steer loader', dailyRate: 28500, delivered: true, fuel: true },
  { description: 'Scissor lift 19 ft', dailyRate: 14500, delivered: true, fuel: false },
  { description: 'Boom lift 45 ft', dailyRate: 39500, delivered: true, fuel: true },
  { description: 'Party tent 20x30', dailyRate: 45000, delivered: true, fuel: false },
  { description: 'Trencher walk-behind', dailyRate: 19500, delivered: false, fuel: true },
  { description: 'Generator 7000 W', dailyRate: 9500, delivered: false, fuel: true },
  { description: 'Concrete mixer 9 cu ft', dailyRate: 6500, delivered: false, fuel: false },
  { description: 'Pressure washer 3000 psi', dailyRate: 8500, delivered: false, fuel: true },
  { description: 'Jackhammer 60 lb', dailyRate: 7500, delivered: false, fuel: false },
  { description: 'Tile saw 10 in', dailyRate: 5500, delivered: false, fuel: false },
  { description: 'Carpet cleaner', dailyRate: 4250, delivered: false, fuel: false },
  { description: 'Floor sander', dailyRate: 6995, delivered: false, fuel: false },
  { description: 'Folding chair', dailyRate: 175, delivered: false, fuel: false },
  { description: 'Banquet table 8 ft', dailyRate: 1099, delivered: false, fuel: false },
];

export const SALE_ITEMS: readonly SaleItem[] = [
  { description: 'Masonry blade 14 in', price: 8999, cost: 5200 },
  { description: 'Propane cylinder refill', price: 2495, cost: 1100 },
  { description: 'Safety glasses', price: 649, cost: 210 },
  { description: 'Work gloves', price: 1299, cost: 540 },
  { description: 'Drill bit set', price: 3450, cost: 1875 },
  { description: 'Caution tape 1000 ft', price: 1875, cost: 820 },
  { description: 'Sanding discs (10 pack)', price: 1595, cost: 610 },
];

/** Per rental line, as a share of the rental amount. */
export const DAMAGE_WAIVER_RATE = '0.12';
export const DELIVERY_FEE: Cents = 7500;
export const PICKUP_FEE: Cents = 7500;
export const REFUEL_FEE: Cents = 3500;
export const ENVIRONMENTAL_FEE: Cents = 495;
/** Per hour, for tent setup crews. */
export const LABOR_RATE: Cents = 6500;

export const COMPANY_CUSTOMERS: readonly string[] = [
  'Acme Builders',
  'Valley Grading Inc',
  'Sunrise Landscaping',
  'Pacific Event Co',
  'Hillside Plumbing',
  'Golden State Roofing',
  'Mesa Concrete',
  'Crown Electric',
  'Oak Street Remodeling',
  'Blue Sky Weddings',
  'Summit Paving',
  'Ridgeline Fencing',
];
export const PERSON_FIRST: readonly string[] = ['Maria', 'James', 'Aiyana', 'Wei', 'Fatima', 'Diego', 'Olivia', 'Noah', 'Priya', 'Samuel', 'Hana', 'Luis'];
export const PERSON_LAST: readonly string[] = ['Lopez', 'Nguyen', 'Smith', "O'Brien", 'Kim', 'Garcia', 'Okafor', 'Chen', 'Müller', 'Patel', 'Johnson', 'Rossi'];
